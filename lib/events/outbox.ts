// The outbox: every capability records the events its state changes cause, inside the same database
// transaction as the change (pass the transaction client as `db`). The webhooks worker delivers them later.
import { createId } from "@/lib/crypto/random";
import type { Db } from "@/lib/db/client";

export const EVENT_TYPES = [
  "service.status_changed",
  "service.version_changed",
  "login.redeemed",
  "transaction.verified",
  "webhook.test",
  "service.updated",
  "service.deleted",
  "webhook_endpoint.updated",
  "webhook_endpoint.disabled",
  "webhook_endpoint.enabled",
  "webhook_endpoint.deleted",
  "api_token.created",
  "api_token.revoked",
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

type TransactionClient = Pick<Db, "event">;

/** An event row as stored; writers that insert with raw SQL (hot paths) use this too, so the format stays one. */
export function buildEventRow(options: {
  partnerId: string;
  type: EventType;
  data: Record<string, unknown>;
  at?: Date;
}) {
  return {
    id: createId("evt"),
    partnerId: options.partnerId,
    type: options.type,
    data: JSON.stringify(options.data),
    createdAt: options.at ?? new Date(),
  };
}

export async function recordEvent(
  db: TransactionClient,
  options: { partnerId: string; type: EventType; data: Record<string, unknown>; at?: Date },
): Promise<string> {
  const row = buildEventRow(options);
  await db.event.create({ data: row });
  return row.id;
}
