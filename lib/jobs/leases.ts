// Leases on due rows: the one place with provider-specific SQL. A claim marks rows as taken by one process until
// the lease expires; a process that dies simply lets its leases lapse and any other process takes the rows over.
import { getDb, runOnSqlite } from "@/lib/db/client";
import { fromDbTime, isPostgres, toDbTime } from "@/lib/db/raw-sql";

export interface ClaimedService {
  id: string;
  partnerId: string;
  serviceId: string;
  url: string;
  secretCiphertext: string;
  checkIntervalSeconds: number;
  /** When the check was due: the scheduler keeps the cadence from here and measures its lag against it. */
  dueAt: Date;
}

type RawClaimed = Omit<ClaimedService, "dueAt"> & { nextCheckAt: Date | string };

/**
 * A new service's first scheduled check waits this long after registration: its secret was shown only at creation,
 * so the partner's /authorize cannot sign with it yet and an immediate check would only report a false
 * `unauthentic`. "Check now" (API and panel) is there when the partner is ready sooner.
 */
export const FIRST_CHECK_GRACE_SECONDS = 60;

const RETURNING = `"id", "partnerId", "serviceId", "url", "secretCiphertext", "checkIntervalSeconds", "nextCheckAt"`;

const POSTGRES_CLAIM = `UPDATE "Service" SET "leaseOwner" = $1, "leaseExpiresAt" = $2::timestamp(3)
  WHERE "id" IN (
    SELECT "id" FROM "Service"
    WHERE "nextCheckAt" <= $3::timestamp(3) AND ("leaseExpiresAt" IS NULL OR "leaseExpiresAt" < $3::timestamp(3))
      AND ("lastCheckedAt" IS NOT NULL OR "createdAt" <= $5::timestamp(3))
    ORDER BY "nextCheckAt" LIMIT $4 FOR UPDATE SKIP LOCKED
  )
  RETURNING ${RETURNING}`;

const SQLITE_CLAIM = `UPDATE "Service" SET "leaseOwner" = ?, "leaseExpiresAt" = ?
  WHERE "id" IN (
    SELECT "id" FROM "Service"
    WHERE "nextCheckAt" <= ? AND ("leaseExpiresAt" IS NULL OR "leaseExpiresAt" < ?)
      AND ("lastCheckedAt" IS NOT NULL OR "createdAt" <= ?)
    ORDER BY "nextCheckAt" LIMIT ?
  )
  RETURNING ${RETURNING}`;

/**
 * Atomically leases up to `limit` services whose check is due and not leased (or whose lease lapsed), oldest due
 * first. PostgreSQL: SKIP LOCKED lets concurrent claimers take disjoint rows without waiting on each other. SQLite has
 * one writer at a time, so the same UPDATE … RETURNING is atomic as it stands.
 */
export async function claimDueServices(options: {
  owner: string;
  limit: number;
  leaseSeconds: number;
  now?: Date;
}): Promise<ClaimedService[]> {
  const now = options.now ?? new Date();
  const expires = new Date(now.getTime() + options.leaseSeconds * 1000);
  const leaseUntil = toDbTime(expires);
  const at = toDbTime(now);
  const registeredBefore = toDbTime(new Date(now.getTime() - FIRST_CHECK_GRACE_SECONDS * 1000));
  const rows = isPostgres()
    ? await getDb().$queryRawUnsafe<RawClaimed[]>(
        POSTGRES_CLAIM,
        options.owner,
        leaseUntil,
        at,
        options.limit,
        registeredBefore,
      )
    : // A prepared statement on Prisma's connection: claims run several times a second, and compiling the
      // statement through Prisma each time cost more CPU than running it.
      await runOnSqlite(
        ({ prepare }) =>
          prepare(SQLITE_CLAIM).all(options.owner, leaseUntil, at, at, registeredBefore, options.limit) as RawClaimed[],
      );
  return rows.map(({ nextCheckAt, ...row }) => ({
    ...row,
    checkIntervalSeconds: Number(row.checkIntervalSeconds),
    dueAt: fromDbTime(nextCheckAt),
  }));
}

/** Gives leases back without recording anything (graceful stop before a check started): due again at once. */
export async function releaseLeases(options: { owner: string; ids: string[] }): Promise<void> {
  if (!options.ids.length) return;
  await getDb().service.updateMany({
    where: { id: { in: options.ids }, leaseOwner: options.owner },
    data: { leaseOwner: null, leaseExpiresAt: null },
  });
}
