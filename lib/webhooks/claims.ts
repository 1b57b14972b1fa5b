// Atomic claims for the webhooks worker: the provider-specific SQL of this capability. PostgreSQL: FOR UPDATE SKIP
// LOCKED lets concurrent workers take disjoint rows without waiting; SQLite has one writer, so the same
// UPDATE … RETURNING is atomic as it stands.
import { getConfig } from "@/lib/config";
import type { Db } from "@/lib/db/client";

type RawClient = Pick<Db, "$queryRawUnsafe">;

const isPostgres = () => getConfig().databaseProvider === "postgresql";

// Prisma stores DateTime as TIMESTAMP(3) without zone on PostgreSQL and as ISO text "…+00:00" on SQLite (the
// better-sqlite3 adapter's format); raw SQL must compare and write the same representation (as lib/jobs/leases).
function toDbTime(date: Date): string {
  const iso = date.toISOString();
  return isPostgres() ? iso.slice(0, -1) : iso.replace("Z", "+00:00");
}

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
