// The outbox: every capability records the events its state changes cause, inside the same database
// transaction as the change (pass the transaction client as `db`). The webhooks worker delivers them later.
// Payloads are checked against the event catalog (lib/events/catalog) before they are stored.
import { createId } from "@/lib/crypto/random";
import type { Db } from "@/lib/db/client";
import type { EventRow } from "@/lib/db/hot-paths";
import { type EventData, type EventType, parseEventData } from "./catalog";

type TransactionClient = Pick<Db, "event">;

export interface EventToRecord<T extends EventType> {
  partnerId: string;
  type: T;
  data: EventData<T>;
  at?: Date;
}

/** An event row as stored; hot paths that write rows in bulk (lib/db) use this too, so the format stays one. */
export function buildEventRow<T extends EventType>(options: EventToRecord<T>): EventRow {
  return {
    id: createId("evt"),
    partnerId: options.partnerId,
    type: options.type,
    data: JSON.stringify(parseEventData(options.type, options.data)),
    createdAt: options.at ?? new Date(),
  };
}

export async function recordEvent<T extends EventType>(
  db: TransactionClient,
  options: EventToRecord<T>,
): Promise<string> {
  const row = buildEventRow(options);
  await db.event.create({ data: row });
  return row.id;
}
