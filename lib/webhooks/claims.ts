// Atomic claims for the webhooks worker: the provider-specific SQL of this capability. PostgreSQL: FOR UPDATE SKIP
// LOCKED lets concurrent workers take disjoint rows without waiting; SQLite has one writer, so the same
// UPDATE … RETURNING is atomic as it stands.
import type { Db } from "@/lib/db/client";
import { isPostgres, toDbTime } from "@/lib/db/raw-sql";

type RawClient = Pick<Db, "$queryRawUnsafe">;

export interface ClaimedEvent {
  id: string;
  partnerId: string;
  type: string;
}

/** Marks up to `limit` undispatched events as dispatched and returns them; call inside the transaction that fans out. */
export function claimUndispatchedEvents(tx: RawClient, options: { limit: number; now: Date }): Promise<ClaimedEvent[]> {
  const at = toDbTime(options.now);
  return isPostgres()
    ? tx.$queryRawUnsafe<ClaimedEvent[]>(
        `UPDATE "Event" SET "dispatchedAt" = $1::timestamp(3)
          WHERE "id" IN (
            SELECT "id" FROM "Event" WHERE "dispatchedAt" IS NULL
            ORDER BY "createdAt" LIMIT $2 FOR UPDATE SKIP LOCKED
          )
          RETURNING "id", "partnerId", "type"`,
        at,
        options.limit,
      )
    : tx.$queryRawUnsafe<ClaimedEvent[]>(
        `UPDATE "Event" SET "dispatchedAt" = ?
          WHERE "id" IN (SELECT "id" FROM "Event" WHERE "dispatchedAt" IS NULL ORDER BY "createdAt" LIMIT ?)
          RETURNING "id", "partnerId", "type"`,
        at,
        options.limit,
      );
}

/**
 * Leases up to `limit` due deliveries of enabled endpoints (not leased, or lease lapsed), oldest due first. A worker
 * that dies lets its lease lapse and another takes the delivery over: at-least-once, with the same webhook-id.
 */
export async function claimDueDeliveries(
  tx: RawClient,
  options: { owner: string; limit: number; leaseSeconds: number; now: Date },
): Promise<string[]> {
  const at = toDbTime(options.now);
  const until = toDbTime(new Date(options.now.getTime() + options.leaseSeconds * 1000));
  const rows = isPostgres()
    ? await tx.$queryRawUnsafe<{ id: string }[]>(
        `UPDATE "WebhookDelivery" SET "leaseOwner" = $1, "leaseExpiresAt" = $2::timestamp(3)
          WHERE "id" IN (
            SELECT d."id" FROM "WebhookDelivery" d JOIN "WebhookEndpoint" e ON e."id" = d."endpointId"
            WHERE d."status" = 'pending' AND d."nextAttemptAt" <= $3::timestamp(3)
              AND (d."leaseExpiresAt" IS NULL OR d."leaseExpiresAt" < $3::timestamp(3)) AND e."status" = 'enabled'
            ORDER BY d."nextAttemptAt" LIMIT $4 FOR UPDATE OF d SKIP LOCKED
          )
          RETURNING "id"`,
        options.owner,
        until,
        at,
        options.limit,
      )
    : await tx.$queryRawUnsafe<{ id: string }[]>(
        `UPDATE "WebhookDelivery" SET "leaseOwner" = ?, "leaseExpiresAt" = ?
          WHERE "id" IN (
            SELECT d."id" FROM "WebhookDelivery" d JOIN "WebhookEndpoint" e ON e."id" = d."endpointId"
            WHERE d."status" = 'pending' AND d."nextAttemptAt" <= ?
              AND (d."leaseExpiresAt" IS NULL OR d."leaseExpiresAt" < ?) AND e."status" = 'enabled'
            ORDER BY d."nextAttemptAt" LIMIT ?
          )
          RETURNING "id"`,
        options.owner,
        until,
        at,
        at,
        options.limit,
      );
  return rows.map((row) => row.id);
}

export interface DeliveryOutcome {
  id: string;
  /** The lease the outcome was sent under: a row another worker has taken over since is left alone. */
  owner: string;
  status: string;
  attempts: number;
  nextAttemptAt: Date | null;
  lastAttemptAt: Date;
  lastStatusCode: number | null;
  lastLatencyMs: number;
  lastError: string | null;
  lastResponseExcerpt: string | null;
}

/** Records many outcomes in one statement (and releases their leases); returns the ids whose lease still held. */
export async function recordDeliveryOutcomes(
  tx: RawClient,
  outcomes: DeliveryOutcome[],
  now: Date,
): Promise<Set<string>> {
  if (!outcomes.length) return new Set();
  const pg = isPostgres();
  const casts = pg
    ? ["::text", "::text", "::text", "::int", "::timestamp(3)", "::timestamp(3)", "::int", "::int", "::text", "::text"]
    : Array(10).fill("");
  const params: unknown[] = [toDbTime(now)];
  const rows = outcomes.map((outcome) => {
    const values = [
      outcome.id,
      outcome.owner,
      outcome.status,
      outcome.attempts,
      outcome.nextAttemptAt ? toDbTime(outcome.nextAttemptAt) : null,
      toDbTime(outcome.lastAttemptAt),
      outcome.lastStatusCode,
      outcome.lastLatencyMs,
      outcome.lastError,
      outcome.lastResponseExcerpt,
    ];
    const placeholders = values.map((value, i) => {
      params.push(value);
      return `${pg ? `$${params.length}` : "?"}${casts[i]}`;
    });
    return `(${placeholders.join(", ")})`;
  });
  const updatedAt = pg ? "$1::timestamp(3)" : "?";
  const sql = `WITH v("id", "owner", "status", "attempts", "next", "lastAt", "code", "latency", "error", "excerpt") AS (VALUES ${rows.join(", ")})
    UPDATE "WebhookDelivery" SET "updatedAt" = ${updatedAt}, "status" = v."status", "attempts" = v."attempts",
      "nextAttemptAt" = v."next", "lastAttemptAt" = v."lastAt", "lastStatusCode" = v."code", "lastLatencyMs" = v."latency",
      "lastError" = v."error", "lastResponseExcerpt" = v."excerpt", "leaseOwner" = NULL, "leaseExpiresAt" = NULL
    FROM v WHERE "WebhookDelivery"."id" = v."id" AND "WebhookDelivery"."leaseOwner" = v."owner"
    RETURNING "WebhookDelivery"."id"`;
  // With "?" placeholders the order of appearance counts: the VALUES come first in the text, updatedAt after them.
  const ordered = pg ? params : [...params.slice(1), params[0]];
  const updated = await tx.$queryRawUnsafe<{ id: string }[]>(sql, ...ordered);
  return new Set(updated.map((row) => row.id));
}
