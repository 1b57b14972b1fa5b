// The hot paths on SQLite. One writer at a time, so each step is one synchronous better-sqlite3 transaction on
// Prisma's own connection (runDirect: never inside another request's open transaction, nothing interleaves), with
// statements prepared once; UPDATE … RETURNING is atomic as it stands. Times are ISO text (lib/db/time).
import cluster from "node:cluster";
import { type LoginRedeemedSource, renderLoginRedeemedJson } from "@/lib/events/catalog";
import type { ClaimedEvent, EndpointFilter, HotPaths, LockedService } from "../hot-paths";
import { createMemoryRateLimiter, toRateLimiter } from "../rate-limiter";
import * as stored from "../rows";
import { toSqliteTime as time } from "../time";
import { createClusterRateLimiter } from "./cluster-rate-limits";
import { SqliteRateLimiter } from "./rate-limiter";
import type { DirectSqlite } from "./serialized-adapter";

export type RunDirect = <T>(work: (connection: DirectSqlite) => T) => Promise<T>;

const optionalTime = (date: Date | null) => (date ? time(date) : null);

// Checks

const LOCKED_COLUMNS = `"id", "partnerId", "serviceId", "url", "status", "version", "consecutiveFailures", "downAfterFailures", "leaseOwner"`;

const CHECKS = {
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

const LEASE_SERVICES = `UPDATE "Service" SET "leaseOwner" = ?, "leaseExpiresAt" = ?
  WHERE "id" IN (
    SELECT "id" FROM "Service"
    WHERE "nextCheckAt" <= ? AND ("leaseExpiresAt" IS NULL OR "leaseExpiresAt" < ?)
      AND ("lastCheckedAt" IS NOT NULL OR "createdAt" <= ?)
    ORDER BY "nextCheckAt" LIMIT ?
  )
  RETURNING "id", "partnerId", "serviceId", "url", "secretCiphertext", "checkIntervalSeconds", "nextCheckAt"`;

// Webhooks

const WEBHOOKS = {
  anyUndispatched: `SELECT 1 FROM "Event" WHERE "dispatchedAt" IS NULL LIMIT 1`,
  claimEvents: `UPDATE "Event" SET "dispatchedAt" = ?
    WHERE "id" IN (SELECT "id" FROM "Event" WHERE "dispatchedAt" IS NULL ORDER BY "createdAt" LIMIT ?)
    RETURNING "id", "partnerId", "type"`,
  endpoints: `SELECT "id", "partnerId", "events" FROM "WebhookEndpoint"
    WHERE "status" = 'enabled' AND "partnerId" IN (SELECT value FROM json_each(?))`,
  insertDelivery: `INSERT INTO "WebhookDelivery" ("id", "endpointId", "eventId", "eventType", "status", "attempts",
    "nextAttemptAt", "createdAt", "updatedAt") VALUES (?, ?, ?, ?, 'pending', 0, ?, ?, ?)`,
  leaseDeliveries: `UPDATE "WebhookDelivery" SET "leaseOwner" = ?, "leaseExpiresAt" = ?
    WHERE "id" IN (
      SELECT d."id" FROM "WebhookDelivery" d JOIN "WebhookEndpoint" e ON e."id" = d."endpointId"
      WHERE d."status" = 'pending' AND d."nextAttemptAt" <= ?
        AND (d."leaseExpiresAt" IS NULL OR d."leaseExpiresAt" < ?) AND e."status" = 'enabled'
      ORDER BY d."nextAttemptAt" LIMIT ?
    )
    RETURNING "id"`,
  loadDeliveries: `SELECT d."id", d."attempts", d."endpointId", ev."id" AS "eventId", ev."type" AS "eventType",
      ev."data" AS "eventData", ev."createdAt" AS "eventCreatedAt", e."url", e."authType", e."authConfigCiphertext",
      e."secretCiphertext", e."previousSecretCiphertext", e."previousSecretExpiresAt", e."failingSince"
    FROM "WebhookDelivery" d JOIN "Event" ev ON ev."id" = d."eventId" JOIN "WebhookEndpoint" e ON e."id" = d."endpointId"
    WHERE d."id" IN (SELECT value FROM json_each(?)) AND d."leaseOwner" = ?
    ORDER BY d."nextAttemptAt"`,
  insertAttempt: `INSERT INTO "WebhookAttempt" ("id", "deliveryId", "attemptedAt", "statusCode", "latencyMs", "error",
      "responseExcerpt", "requestHeaders", "responseHeaders", "responseBody", "responseTruncated")
    SELECT ?, d."id", ?, ?, ?, ?, ?, ?, ?, ?, ? FROM "WebhookDelivery" d WHERE d."id" = ?`,
  recordOutcome: `UPDATE "WebhookDelivery" SET "updatedAt" = ?, "status" = ?, "attempts" = ?, "nextAttemptAt" = ?,
      "lastAttemptAt" = ?, "lastStatusCode" = ?, "lastLatencyMs" = ?, "lastError" = ?, "lastResponseExcerpt" = ?,
      "leaseOwner" = NULL, "leaseExpiresAt" = NULL
    WHERE "id" = ? AND "leaseOwner" = ?`,
};

// One-time login. canOpenService (lib/login/entitlements) in SQL. No alias for the updated table: SQLite's RETURNING
// subqueries only see it by its name. RETURNING cannot feed another statement, so the event is a second INSERT in
// the same transaction, its payload built in SQL from the catalog's field list like PostgreSQL's.
const LOGIN = {
  claim: `UPDATE "LoginToken" SET "redeemedAt" = ?
    WHERE "tokenHash" = ? AND "partnerId" = ? AND "redeemedAt" IS NULL AND "expiresAt" > ?
      AND EXISTS (
        SELECT 1 FROM "User" u JOIN "Service" s ON s."id" = "LoginToken"."serviceId"
        WHERE u."id" = "LoginToken"."userId" AND (
          u."partnerId" = s."partnerId"
          OR (s."state" = 'published' AND EXISTS (
            SELECT 1 FROM "Entitlement" e
            WHERE e."userId" = "LoginToken"."userId" AND e."serviceId" = "LoginToken"."serviceId"
              AND e."revokedAt" IS NULL AND (e."expiresAt" IS NULL OR e."expiresAt" > ?)
          ))
        )
      )
    RETURNING "id", "partnerId",
      (SELECT u."email" FROM "User" u WHERE u."id" = "LoginToken"."userId") AS "email",
      (SELECT s."serviceId" FROM "Service" s WHERE s."id" = "LoginToken"."serviceId") AS "publicServiceId",
      (SELECT s."name" FROM "Service" s WHERE s."id" = "LoginToken"."serviceId") AS "serviceName"`,
  event: `INSERT INTO "Event" ("id", "partnerId", "type", "data", "createdAt")
    VALUES (@eventId, @partnerId, 'login.redeemed', ${renderLoginRedeemedJson("json_object", {
      loginId: "@loginId",
      publicServiceId: "@publicServiceId",
      serviceName: "@serviceName",
      email: "@email",
      redeemedAt: "@redeemedAt",
    })}, @createdAt)`,
};

type ClaimedToken = { id: string; partnerId: string; email: string; publicServiceId: string; serviceName: string };

// "status" has a default; listed so the statement does not depend on it.
const INSERT_TRANSACTION = `INSERT INTO "Transaction" ("id", "partnerId", "xid", "phoneNumber", "tokenHash", "issuedAt",
  "expiresAt", "status") VALUES (?, ?, ?, ?, ?, ?, ?, 'issued')`;

export function createSqliteHotPaths({ runDirect }: { runDirect: RunDirect }): HotPaths {
  return {
    // IMMEDIATE takes the write lock first (another process may write the same file).
    recordCheckBatch: ({ serviceIds, plan }) =>
      runDirect(({ database, prepare }) =>
        database
          .transaction(() => {
            const select = prepare(CHECKS.select);
            const locked = new Map<string, LockedService>();
            for (const id of new Set(serviceIds)) {
              const row = select.get(id) as stored.LockedServiceRow | undefined;
              if (row) locked.set(id, stored.toLockedService(row));
            }
            const { writes, result } = plan(locked);
            const check = prepare(CHECKS.check);
            for (const c of writes.checks) {
              check.run(c.id, c.serviceId, time(c.checkedAt), c.outcome, c.httpStatus, c.latencyMs, c.version, c.error);
            }
            const service = prepare(CHECKS.service);
            for (const s of writes.services) {
              const release = s.releaseLease ? 1 : 0;
              const checked = time(s.checkedAt);
              service.run(
                s.status,
                s.version,
                s.failures,
                checked,
                checked,
                optionalTime(s.statusChangedAt),
                optionalTime(s.nextCheckAt),
                release,
                release,
                s.id,
              );
            }
            const daily = prepare(CHECKS.daily);
            for (const d of writes.daily) {
              daily.run(d.serviceId, d.day, d.total, d.live, d.unauthentic, d.down, d.latencyMsTotal);
            }
            const version = prepare(CHECKS.version);
            for (const v of writes.versions) version.run(v.id, v.serviceId, v.version, time(v.firstSeenAt));
            const event = prepare(CHECKS.event);
            for (const e of writes.events) event.run(e.id, e.partnerId, e.type, e.data, time(e.createdAt));
            return result;
          })
          .immediate(),
      ),

    // Claims run several times a second: a prepared statement costs less than compiling through Prisma each time.
    claimDueServices: async ({ owner, limit, now, leaseUntil, createdBefore }) => {
      const at = time(now);
      const rows = await runDirect(
        ({ prepare }) =>
          prepare(LEASE_SERVICES).all(
            owner,
            time(leaseUntil),
            at,
            at,
            time(createdBefore),
            limit,
          ) as stored.LeasedServiceRow[],
      );
      return rows.map(stored.toLeasedService);
    },

    fanOutEvents: ({ limit, now, plan }) => {
      const at = time(now);
      return runDirect(({ database, prepare }) => {
        // A plain read first: an empty claim would still take the write lock on every poll.
        if (!prepare(WEBHOOKS.anyUndispatched).get()) return { events: 0, deliveries: 0 };
        return database.transaction(() => {
          const events = prepare(WEBHOOKS.claimEvents).all(at, limit) as ClaimedEvent[];
          if (!events.length) return { events: 0, deliveries: 0 };
          const partnerIds = JSON.stringify([...new Set(events.map((event) => event.partnerId))]);
          const endpoints = prepare(WEBHOOKS.endpoints).all(partnerIds) as EndpointFilter[];
          const rows = plan(events, endpoints);
          const insert = prepare(WEBHOOKS.insertDelivery);
          for (const row of rows) insert.run(row.id, row.endpointId, row.eventId, row.eventType, at, at, at);
          return { events: events.length, deliveries: rows.length };
        })();
      });
    },

    claimDueDeliveries: ({ owner, limit, now, leaseUntil }) => {
      const at = time(now);
      return runDirect(({ database, prepare }) =>
        database.transaction(() => {
          const claimed = prepare(WEBHOOKS.leaseDeliveries).all(owner, time(leaseUntil), at, at, limit) as {
            id: string;
          }[];
          if (!claimed.length) return [];
          const ids = JSON.stringify(claimed.map((row) => row.id));
          return (prepare(WEBHOOKS.loadDeliveries).all(ids, owner) as stored.LoadedDeliveryRow[]).map(
            stored.toLoadedDelivery,
          );
        })(),
      );
    },

    recordDeliveryResults: ({ attempts, outcomes, now }) => {
      if (!outcomes.length && !attempts.length) return Promise.resolve(new Set());
      const updatedAt = time(now);
      return runDirect(({ database, prepare }) => {
        const insert = prepare(WEBHOOKS.insertAttempt);
        const update = prepare(WEBHOOKS.recordOutcome);
        return database.transaction(() => {
          for (const a of attempts) {
            insert.run(
              a.id,
              time(a.attemptedAt),
              a.statusCode,
              a.latencyMs,
              a.error,
              a.responseExcerpt,
              a.requestHeaders,
              a.responseHeaders,
              a.responseBody,
              a.responseTruncated ? 1 : 0,
              a.deliveryId,
            );
          }
          const recorded = new Set<string>();
          for (const o of outcomes) {
            const { changes } = update.run(
              updatedAt,
              o.status,
              o.attempts,
              optionalTime(o.nextAttemptAt),
              time(o.lastAttemptAt),
              o.lastStatusCode,
              o.lastLatencyMs,
              o.lastError,
              o.lastResponseExcerpt,
              o.id,
              o.owner,
            );
            if (changes === 1) recorded.add(o.id);
          }
          return recorded;
        })();
      });
    },

    // Each claim its own conditional UPDATE, so a token is claimed at most once however the batch is made.
    claimLoginTokens: (claims) =>
      runDirect(({ database, prepare }) =>
        database.transaction(() => {
          const claim = prepare(LOGIN.claim);
          const record = prepare(LOGIN.event);
          return claims.map((request) => {
            const at = time(request.at);
            const claimed = claim.get(at, request.tokenHash, request.partnerId, at, at) as ClaimedToken | undefined;
            if (!claimed) return null;
            record.run({
              eventId: request.eventId,
              partnerId: claimed.partnerId,
              createdAt: at,
              loginId: claimed.id,
              publicServiceId: claimed.publicServiceId,
              serviceName: claimed.serviceName,
              email: claimed.email,
              redeemedAt: request.at.toISOString(),
            } satisfies Record<LoginRedeemedSource, string> & Record<string, string>);
            return claimed.email;
          });
        })(),
      ),

    insertTransactions: async (rows) => {
      await runDirect(({ database, prepare }) =>
        database.transaction(() => {
          const insert = prepare(INSERT_TRANSACTION);
          for (const row of rows) {
            insert.run(
              row.id,
              row.partnerId,
              row.xid,
              row.phoneNumber,
              row.tokenHash,
              time(row.issuedAt),
              time(row.expiresAt),
            );
          }
        })(),
      );
    },

    // Hot paths count in memory, which is exact and costs no database write: in this process, or, when `npm start`
    // runs several server processes (node:cluster workers), in its primary, which every worker asks over IPC in
    // batches (./cluster-rate-limits.ts).
    createRateLimiter: (window) => {
      const { keyPrefix, points, durationSeconds } = window;
      const options = { keyPrefix, points, duration: durationSeconds };
      if (!window.hotPath) return toRateLimiter(new SqliteRateLimiter({ ...options, runDirect }));
      if (!cluster.isWorker) return createMemoryRateLimiter(options);
      return createClusterRateLimiter(window);
    },
  };
}
