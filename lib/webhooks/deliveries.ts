// The delivery log a partner sees (API and panel), replay, and the endpoint's success rate.
import { type Db, getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { countUsageInRange } from "@/lib/usage/read";
import { getEndpointOrThrow } from "./endpoints";
import type { DeliveryDetailOutput, DeliveryOutput, DeliveryStatus, ListDeliveriesQuery } from "./schemas";
import { buildPayload } from "./sender";

type DeliveryRow = NonNullable<Awaited<ReturnType<Db["webhookDelivery"]["findFirst"]>>>;

export function toDeliveryOutput(row: DeliveryRow): DeliveryOutput {
  return {
    id: row.id,
    event_id: row.eventId,
    event_type: row.eventType,
    status: row.status as DeliveryStatus,
    attempts: row.attempts,
    last_status_code: row.lastStatusCode,
    last_latency_ms: row.lastLatencyMs,
    last_error: row.lastError,
    last_response_excerpt: row.lastResponseExcerpt,
    last_attempt_at: row.lastAttemptAt?.toISOString() ?? null,
    next_attempt_at: row.status === "pending" ? (row.nextAttemptAt?.toISOString() ?? null) : null,
    created_at: row.createdAt.toISOString(),
  };
}

/**
 * Newest first; the cursor is the last delivery id of the previous page. Keyset on (createdAt, id) from that
 * delivery's own values, so any page is one range read of the (endpointId, createdAt) index.
 */
export async function listDeliveries(options: { partnerId: string; endpointId: string } & ListDeliveriesQuery) {
  await getEndpointOrThrow({ partnerId: options.partnerId, id: options.endpointId });
  let after: { createdAt: Date; id: string } | null = null;
  if (options.cursor) {
    after = await getDb().webhookDelivery.findFirst({
      where: { id: options.cursor, endpointId: options.endpointId },
      select: { id: true, createdAt: true },
    });
    if (!after) throw new AppError("invalid_request", "cursor: unknown cursor");
  }
  const rows = await getDb().webhookDelivery.findMany({
    where: {
      endpointId: options.endpointId,
      ...(options.status ? { status: options.status } : {}),
      ...(options.event_type ? { eventType: options.event_type } : {}),
      // `createdAt <= t` bounds the index range; the OR breaks ties on id.
      ...(after
        ? {
            createdAt: { lte: after.createdAt },
            OR: [{ createdAt: { lt: after.createdAt } }, { id: { lt: after.id } }],
          }
        : {}),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: options.limit + 1,
  });
  const page = rows.slice(0, options.limit);
  return {
    data: page.map(toDeliveryOutput),
    next_cursor: rows.length > options.limit ? (page.at(-1)?.id ?? null) : null,
  };
}

export async function getDeliveryOrThrow(options: { partnerId: string; endpointId: string; deliveryId: string }) {
  const row = await getDb().webhookDelivery.findFirst({
    where: { id: options.deliveryId, endpointId: options.endpointId, endpoint: { partnerId: options.partnerId } },
  });
  if (!row) throw new AppError("not_found", `No delivery with id ${options.deliveryId}.`);
  return row;
}

export async function listAttempts(options: { partnerId: string; endpointId: string; deliveryId: string }) {
  await getDeliveryOrThrow(options);
  const rows = await getDb().webhookAttempt.findMany({
    where: { deliveryId: options.deliveryId },
    orderBy: { attemptedAt: "desc" },
    take: 50,
  });
  return rows.map((row) => ({
    id: row.id,
    attempted_at: row.attemptedAt.toISOString(),
    status_code: row.statusCode,
    latency_ms: row.latencyMs,
    error: row.error,
    response_excerpt: row.responseExcerpt,
  }));
}

const MAX_DETAIL_ATTEMPTS = 100;

const parseHeaders = (stored: string | null): Record<string, string> | null =>
  stored === null ? null : (JSON.parse(stored) as Record<string, string>);

/**
 * Everything needed to debug one delivery: the payload as signed, the headers sent (Authorization masked when
 * stored), and each attempt with the receiver's answer as received (headers and the first 4 KiB of its body).
 */
export async function getDeliveryDetail(options: {
  partnerId: string;
  endpointId: string;
  deliveryId: string;
}): Promise<DeliveryDetailOutput> {
  const row = await getDeliveryOrThrow(options);
  const [event, attempts] = await Promise.all([
    getDb().event.findUniqueOrThrow({
      where: { id: row.eventId },
      select: { id: true, type: true, createdAt: true, data: true },
    }),
    getDb().webhookAttempt.findMany({
      where: { deliveryId: row.id },
      orderBy: [{ attemptedAt: "desc" }, { id: "desc" }],
      take: MAX_DETAIL_ATTEMPTS,
    }),
  ]);
  attempts.reverse(); // oldest first, as they happened
  const lastSent = attempts.findLast((attempt) => attempt.requestHeaders !== null);
  return {
    ...toDeliveryOutput(row),
    payload: JSON.parse(buildPayload(event)) as Record<string, unknown>,
    request_headers: parseHeaders(lastSent?.requestHeaders ?? null),
    attempts: attempts.map((attempt) => ({
      id: attempt.id,
      attempted_at: attempt.attemptedAt.toISOString(),
      status_code: attempt.statusCode,
      duration_ms: attempt.latencyMs,
      error: attempt.error,
      request_headers: parseHeaders(attempt.requestHeaders),
      response_headers: parseHeaders(attempt.responseHeaders),
      response_body: attempt.responseBody ?? attempt.responseExcerpt,
      response_truncated: attempt.responseTruncated,
    })),
  };
}

/**
 * Sends the delivery again from the start of the retry schedule, with the same webhook-id (receivers deduplicate on
 * it). Conditional on no live lease, so a replay never races a send in flight. Earlier attempts stay in the log.
 */
export async function replayDelivery(options: {
  partnerId: string;
  endpointId: string;
  deliveryId: string;
  now?: Date;
}) {
  await getDeliveryOrThrow(options);
  const now = options.now ?? new Date();
  const result = await getDb().webhookDelivery.updateMany({
    where: { id: options.deliveryId, OR: [{ leaseExpiresAt: null }, { leaseExpiresAt: { lt: now } }] },
    data: { status: "pending", attempts: 0, nextAttemptAt: now, leaseOwner: null, leaseExpiresAt: null },
  });
  if (result.count !== 1)
    throw new AppError("conflict", "The delivery is being sent right now; try again in a moment.");
  return toDeliveryOutput(await getDeliveryOrThrow(options));
}

/** Deliveries waiting to be sent or retried, across all partners (the metrics' queue depth; index-backed). */
export function countPendingDeliveries(): Promise<number> {
  return getDb().webhookDelivery.count({ where: { status: "pending" } });
}

const STATS_WINDOW_MS = 7 * 24 * 3600 * 1000;

/**
 * Over the last 7 days: finished deliveries that succeeded, as a fraction (null when none finished), from the usage
 * rollup (lib/usage) — a bounded read whatever the number of deliveries — and the endpoint's deliveries pending now
 * (whatever their age: a delivery is retried for about a day).
 */
export async function getEndpointStats(options: { endpointId: string; now?: Date }) {
  const now = options.now ?? new Date();
  const range = { from: new Date(now.getTime() - STATS_WINDOW_MS), to: now };
  const count = (metric: "deliveries.succeeded" | "deliveries.failed") =>
    countUsageInRange({ metric, subjectId: options.endpointId, range });
  const [succeeded, failed, pending] = await Promise.all([
    count("deliveries.succeeded"),
    count("deliveries.failed"),
    // Read through the (status, nextAttemptAt) index — the queue is short, the endpoint's history is not; a bound on
    // nextAttemptAt is what makes SQLite's planner (no statistics) prefer it.
    getDb().webhookDelivery.count({
      where: { status: "pending", nextAttemptAt: { gte: new Date(0) }, endpointId: options.endpointId },
    }),
  ]);
  return {
    succeeded,
    failed,
    pending,
    successRate: succeeded + failed ? succeeded / (succeeded + failed) : null,
  };
}
