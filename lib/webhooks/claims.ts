// Atomic claims and outcome writes for the webhooks worker; the SQL is the provider's (lib/db hot paths). Prisma's
// per-statement query compilation and row mapping cost more than the HTTP request itself (≈1 ms per delivery for
// createMany/findMany with include), so none of it runs per delivery.
import { createId } from "@/lib/crypto/random";
import { getHotPaths } from "@/lib/db/client";
import type {
  AttemptRow,
  ClaimedEvent,
  DeliveryOutcome,
  EndpointFilter,
  LoadedDelivery,
  PlannedDelivery,
} from "@/lib/db/hot-paths";
import { parseEventFilter } from "./endpoints";

export type { AttemptRow, DeliveryOutcome, LoadedDelivery };

/** One delivery per event and enabled endpoint of its partner whose event filter matches. */
function planDeliveries(events: ClaimedEvent[], endpoints: EndpointFilter[]): PlannedDelivery[] {
  const filters = endpoints.map((endpoint) => ({ ...endpoint, types: parseEventFilter(endpoint.events) as string[] }));
  return events.flatMap((event) =>
    filters
      .filter((endpoint) => endpoint.partnerId === event.partnerId)
      .filter((endpoint) => endpoint.types.length === 0 || endpoint.types.includes(event.type))
      .map((endpoint) => ({ id: createId("dlv"), endpointId: endpoint.id, eventId: event.id, eventType: event.type })),
  );
}

/**
 * Outbox → deliveries for up to `limit` events: claiming the events and creating their deliveries commit together, so
 * an event is fanned out exactly once even with many workers.
 */
export function fanOutEvents(options: { limit: number; now: Date }): Promise<{ events: number; deliveries: number }> {
  return getHotPaths().fanOutEvents({ ...options, plan: planDeliveries });
}

/**
 * Leases up to `limit` due deliveries of enabled endpoints (not leased, or lease lapsed), oldest due first, and returns
 * them with their event and endpoint. A worker that dies lets its lease lapse and another takes the delivery over:
 * at-least-once, with the same webhook-id.
 */
export function claimDueDeliveries(options: {
  owner: string;
  limit: number;
  leaseSeconds: number;
  now: Date;
}): Promise<LoadedDelivery[]> {
  return getHotPaths().claimDueDeliveries({
    owner: options.owner,
    limit: options.limit,
    now: options.now,
    leaseUntil: new Date(options.now.getTime() + options.leaseSeconds * 1000),
  });
}

/**
 * Logs the attempts (each HTTP request made, lease or not) and records the outcomes, releasing their leases, in one
 * commit; returns the ids whose lease still held. Attempts of a delivery deleted meanwhile are skipped.
 */
export function recordDeliveryResults(
  attempts: AttemptRow[],
  outcomes: DeliveryOutcome[],
  now: Date,
): Promise<Set<string>> {
  return getHotPaths().recordDeliveryResults({ attempts, outcomes, now });
}
