// Outbox → deliveries: one WebhookDelivery per matching enabled endpoint of the event's partner. Claiming the events
// and creating their deliveries commit together, so an event is fanned out exactly once even with many workers.
import { createId } from "@/lib/crypto/random";
import { db } from "@/lib/db/client";
import { claimUndispatchedEvents } from "./claims";
import { parseEventFilter } from "./endpoints";

export async function dispatchEvents(
  options: { limit?: number; now?: Date } = {},
): Promise<{ events: number; deliveries: number }> {
  const now = options.now ?? new Date();
  // A plain read first: on SQLite an empty claim would still take the write lock on every poll.
  if (!(await db.event.findFirst({ where: { dispatchedAt: null }, select: { id: true } })))
    return { events: 0, deliveries: 0 };
  return db.$transaction(async (tx) => {
    const events = await claimUndispatchedEvents(tx, { limit: options.limit ?? 500, now });
    if (!events.length) return { events: 0, deliveries: 0 };
    const partnerIds = [...new Set(events.map((event) => event.partnerId))];
    const endpoints = await tx.webhookEndpoint.findMany({
      where: { partnerId: { in: partnerIds }, status: "enabled" },
      select: { id: true, partnerId: true, events: true },
    });
    const rows = events.flatMap((event) =>
      endpoints
        .filter((endpoint) => endpoint.partnerId === event.partnerId)
        .filter((endpoint) => {
          const filter = parseEventFilter(endpoint.events) as string[];
          return filter.length === 0 || filter.includes(event.type);
        })
        .map((endpoint) => ({
          id: createId("dlv"),
          endpointId: endpoint.id,
          eventId: event.id,
          eventType: event.type,
          nextAttemptAt: now,
          createdAt: now,
        })),
    );
    if (rows.length) await tx.webhookDelivery.createMany({ data: rows });
    return { events: events.length, deliveries: rows.length };
  });
}
