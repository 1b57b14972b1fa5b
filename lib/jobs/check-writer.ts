// Records finished checks, many per transaction. Measured on this machine, every Prisma statement costs CPU to compile
// in proportion to its parameters (a 200-check batch bound as ~1 600 placeholders took tens of ms to compile and
// prepare), and one per version or event row made a fleet's first round (every service goes unknown → live) cost
// three more statements per check. So a batch is written in a constant number of statements whatever its size:
// - SQLite: one synchronous better-sqlite3 transaction on Prisma's connection with cached prepared statements;
// - PostgreSQL: a locking read and one statement of data-modifying CTEs, each batch bound as one JSON parameter.
import { createId } from "@/lib/crypto/random";
import { type DirectSqlite, getDb, runOnSqlite } from "@/lib/db/client";
import { isPostgres, toDbTime } from "@/lib/db/raw-sql";
import { buildEventRow, type EventType } from "@/lib/events/outbox";
import { type CheckOutput, type CheckResult, decideServiceState, toCheckOutput } from "@/lib/services/check-state";
import { buildVersionedUrl } from "@/lib/services/services";

export interface CheckToRecord {
  /** Service primary key. */
  id: string;
  result: CheckResult;
  /** Scheduled checks: recorded only while `owner` still holds the lease, which is then released. */
  lease?: { owner: string; nextCheckAt: Date };
}

interface LockedService {
  id: string;
  partnerId: string;
  serviceId: string;
  url: string;
  status: string;
  version: string | null;
  consecutiveFailures: number;
  downAfterFailures: number;
  leaseOwner: string | null;
}

/** Everything a batch writes, as plain rows with database times (`toDbTime`). */
interface BatchWrites {
  outputs: (CheckOutput | null)[];
  checks: {
    id: string;
    serviceId: string;
    checkedAt: string;
    outcome: string;
    httpStatus: number | null;
    latencyMs: number | null;
    version: string | null;
    error: string | null;
  }[];
  services: {
    id: string;
    status: string;
    version: string | null;
    failures: number;
    checked: string;
    changed: string | null;
    next: string | null;
    release: boolean;
  }[];
  daily: {
    serviceId: string;
    day: string;
    total: number;
    live: number;
    unauthentic: number;
    down: number;
    latency: number;
  }[];
  versions: { id: string; serviceId: string; version: string; firstSeenAt: string }[];
  events: { id: string; partnerId: string; type: EventType; data: string; createdAt: string }[];
}

const utcDay = (date: Date) => date.toISOString().slice(0, 10);

/**
 * The decisions, without I/O: applies the items in order to the locked rows (a service may appear more than once)
 * and returns the rows to write. Items whose service is gone or whose lease was lost get a null output.
 */
function planWrites(items: CheckToRecord[], state: Map<string, LockedService>): BatchWrites {
  const plan: BatchWrites = { outputs: [], checks: [], services: [], daily: [], versions: [], events: [] };
  const services = new Map<string, BatchWrites["services"][number]>();
  const daily = new Map<string, BatchWrites["daily"][number]>();
  for (const { id, result, lease } of items) {
    const current = state.get(id);
    if (!current || (lease && current.leaseOwner !== lease.owner)) {
      plan.outputs.push(null);
      continue;
    }
    const next = decideServiceState(current, result);
    const error = result.error?.slice(0, 500) ?? null;
    const checkedAt = toDbTime(result.checkedAt);
    plan.checks.push({
      id: createId("chk"),
      serviceId: id,
      checkedAt,
      outcome: result.outcome,
      httpStatus: result.httpStatus,
      latencyMs: result.latencyMs,
      version: result.version,
      error,
    });
    plan.outputs.push(toCheckOutput({ ...result, error }));
    const previous = { status: current.status, version: current.version };
    current.status = next.status;
    current.version = next.version;
    current.consecutiveFailures = next.consecutiveFailures;
    if (lease) current.leaseOwner = null;
    const earlier = services.get(id);
    services.set(id, {
      id,
      status: next.status,
      version: next.version,
      failures: next.consecutiveFailures,
      checked: checkedAt,
      changed: next.statusChanged ? checkedAt : (earlier?.changed ?? null),
      next: lease ? toDbTime(lease.nextCheckAt) : (earlier?.next ?? null),
      release: Boolean(lease) || Boolean(earlier?.release),
    });
    const day = utcDay(result.checkedAt);
    const key = `${id}|${day}`;
    const counts = daily.get(key) ?? { serviceId: id, day, total: 0, live: 0, unauthentic: 0, down: 0, latency: 0 };
    counts.total++;
    counts[result.outcome]++;
    counts.latency += result.latencyMs ?? 0;
    daily.set(key, counts);

    const base = { id, service_id: current.serviceId, checked_at: result.checkedAt.toISOString() };
    const event = (type: EventType, data: Record<string, unknown>) =>
      plan.events.push({ ...buildEventRow({ partnerId: current.partnerId, type, data }), createdAt: checkedAt });
    if (next.versionChanged && current.version) {
      plan.versions.push({ id: createId("chk"), serviceId: id, version: current.version, firstSeenAt: checkedAt });
      event("service.version_changed", {
        ...base,
        previous_version: previous.version,
        version: current.version,
        versioned_url: buildVersionedUrl(current.url, current.version),
      });
    }
    if (next.statusChanged) {
      event("service.status_changed", {
        ...base,
        previous_status: previous.status,
        status: current.status,
        error: result.error,
      });
    }
  }
  plan.services = [...services.values()];
  plan.daily = [...daily.values()];
  return plan;
}

const LOCKED_COLUMNS = `"id", "partnerId", "serviceId", "url", "status", "version", "consecutiveFailures", "downAfterFailures", "leaseOwner"`;

const toLockedState = (rows: LockedService[]) =>
  new Map(
    rows.map((row) => [
      row.id,
      {
        ...row,
        consecutiveFailures: Number(row.consecutiveFailures),
        downAfterFailures: Number(row.downAfterFailures),
      },
    ]),
  );

const SQLITE = {
  select: `SELECT ${LOCKED_COLUMNS} FROM "Service" WHERE "id" = ?`,
  check: `INSERT INTO "ServiceCheck" ("id", "serviceId", "checkedAt", "outcome", "httpStatus", "latencyMs", "version", "error")
    VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  service: `UPDATE "Service" SET "status" = ?, "version" = ?, "consecutiveFailures" = ?, "lastCheckedAt" = ?, "updatedAt" = ?,
      "statusChangedAt" = COALESCE(?, "statusChangedAt"), "nextCheckAt" = COALESCE(?, "nextCheckAt"),
      "leaseOwner" = CASE WHEN ? THEN NULL ELSE "leaseOwner" END,
      "leaseExpiresAt" = CASE WHEN ? THEN NULL ELSE "leaseExpiresAt" END
    WHERE "id" = ?`,
  daily: `INSERT INTO "ServiceCheckDaily" ("serviceId", "day", "total", "live", "unauthentic", "down", "latencyMsTotal")
    VALUES (?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT ("serviceId", "day") DO UPDATE SET
      "total" = "total" + excluded."total", "live" = "live" + excluded."live",
      "unauthentic" = "unauthentic" + excluded."unauthentic", "down" = "down" + excluded."down",
      "latencyMsTotal" = "latencyMsTotal" + excluded."latencyMsTotal"`,
  version: `INSERT INTO "ServiceVersion" ("id", "serviceId", "version", "firstSeenAt") VALUES (?, ?, ?, ?)`,
  event: `INSERT INTO "Event" ("id", "partnerId", "type", "data", "createdAt") VALUES (?, ?, ?, ?, ?)`,
};

/** SQLite: synchronous, so nothing interleaves; IMMEDIATE takes the write lock first (another process may write). */
function recordOnSqlite({ database, prepare }: DirectSqlite, items: CheckToRecord[]): (CheckOutput | null)[] {
  return database
    .transaction(() => {
      const select = prepare(SQLITE.select);
      const rows: LockedService[] = [];
      for (const id of new Set(items.map((item) => item.id))) {
        const row = select.get(id) as LockedService | undefined;
        if (row) rows.push(row);
      }
      const plan = planWrites(items, toLockedState(rows));
      const check = prepare(SQLITE.check);
      for (const c of plan.checks)
        check.run(c.id, c.serviceId, c.checkedAt, c.outcome, c.httpStatus, c.latencyMs, c.version, c.error);
      const service = prepare(SQLITE.service);
      for (const s of plan.services) {
        const release = s.release ? 1 : 0;
        service.run(s.status, s.version, s.failures, s.checked, s.checked, s.changed, s.next, release, release, s.id);
      }
      const daily = prepare(SQLITE.daily);
      for (const d of plan.daily) daily.run(d.serviceId, d.day, d.total, d.live, d.unauthentic, d.down, d.latency);
      const version = prepare(SQLITE.version);
      for (const v of plan.versions) version.run(v.id, v.serviceId, v.version, v.firstSeenAt);
      const event = prepare(SQLITE.event);
      for (const e of plan.events) event.run(e.id, e.partnerId, e.type, e.data, e.createdAt);
      return plan.outputs;
    })
    .immediate();
}

const POSTGRES_SELECT = `SELECT ${LOCKED_COLUMNS} FROM "Service"
  WHERE "id" IN (SELECT json_array_elements_text($1::json)) ORDER BY "id" FOR UPDATE`;

// Unreferenced data-modifying CTEs still run, exactly once and to completion.
const POSTGRES_WRITE = `WITH
  checks AS (
    INSERT INTO "ServiceCheck" ("id", "serviceId", "checkedAt", "outcome", "httpStatus", "latencyMs", "version", "error")
    SELECT * FROM json_to_recordset($1::json) AS r("id" text, "serviceId" text, "checkedAt" timestamp(3), "outcome" text,
      "httpStatus" int, "latencyMs" int, "version" text, "error" text)
  ),
  services AS (
    UPDATE "Service" SET
      "status" = v."status",
      "version" = v."version",
      "consecutiveFailures" = v."failures",
      "lastCheckedAt" = v."checked",
      "updatedAt" = v."checked",
      "statusChangedAt" = COALESCE(v."changed", "Service"."statusChangedAt"),
      "nextCheckAt" = COALESCE(v."next", "Service"."nextCheckAt"),
      "leaseOwner" = CASE WHEN v."release" THEN NULL ELSE "Service"."leaseOwner" END,
      "leaseExpiresAt" = CASE WHEN v."release" THEN NULL ELSE "Service"."leaseExpiresAt" END
    FROM json_to_recordset($2::json) AS v("id" text, "status" text, "version" text, "failures" int,
      "checked" timestamp(3), "changed" timestamp(3), "next" timestamp(3), "release" boolean)
    WHERE "Service"."id" = v."id"
  ),
  daily AS (
    INSERT INTO "ServiceCheckDaily" ("serviceId", "day", "total", "live", "unauthentic", "down", "latencyMsTotal")
    SELECT d."serviceId", d."day", d."total", d."live", d."unauthentic", d."down", d."latency"
    FROM json_to_recordset($3::json) AS d("serviceId" text, "day" text, "total" int, "live" int, "unauthentic" int,
      "down" int, "latency" int)
    ON CONFLICT ("serviceId", "day") DO UPDATE SET
      "total" = "ServiceCheckDaily"."total" + excluded."total",
      "live" = "ServiceCheckDaily"."live" + excluded."live",
      "unauthentic" = "ServiceCheckDaily"."unauthentic" + excluded."unauthentic",
      "down" = "ServiceCheckDaily"."down" + excluded."down",
      "latencyMsTotal" = "ServiceCheckDaily"."latencyMsTotal" + excluded."latencyMsTotal"
  ),
  versions AS (
    INSERT INTO "ServiceVersion" ("id", "serviceId", "version", "firstSeenAt")
    SELECT * FROM json_to_recordset($4::json) AS r("id" text, "serviceId" text, "version" text, "firstSeenAt" timestamp(3))
  ),
  events AS (
    INSERT INTO "Event" ("id", "partnerId", "type", "data", "createdAt")
    SELECT * FROM json_to_recordset($5::json) AS r("id" text, "partnerId" text, "type" text, "data" text,
      "createdAt" timestamp(3))
  )
SELECT 1`;

/** PostgreSQL: row locks in id order, so concurrent batches and "check now" calls cannot deadlock. */
async function recordOnPostgres(items: CheckToRecord[]): Promise<(CheckOutput | null)[]> {
  return getDb().$transaction(
    async (tx) => {
      const ids = [...new Set(items.map((item) => item.id))];
      const locked = await tx.$queryRawUnsafe<LockedService[]>(POSTGRES_SELECT, JSON.stringify(ids));
      const plan = planWrites(items, toLockedState(locked));
      if (!plan.checks.length) return plan.outputs;
      await tx.$queryRawUnsafe(
        POSTGRES_WRITE,
        JSON.stringify(plan.checks),
        JSON.stringify(plan.services),
        JSON.stringify(plan.daily),
        JSON.stringify(plan.versions),
        JSON.stringify(plan.events),
      );
      return plan.outputs;
    },
    // Batches queue for a pooled connection.
    { maxWait: 30_000, timeout: 30_000 },
  );
}

/**
 * Applies checks to their services in one transaction: check rows, status/version/counters, lease release and next
 * due time, daily aggregates, version history and outbox events. Returns, per item, the stored check or null when
 * it was not recorded (service gone, or lease lost to another process, which then redoes the check).
 */
export async function recordChecks(items: CheckToRecord[]): Promise<(CheckOutput | null)[]> {
  if (!items.length) return [];
  if (isPostgres()) return recordOnPostgres(items);
  return runOnSqlite((connection) => recordOnSqlite(connection, items));
}
