// The hot paths on PostgreSQL. Each step is one statement where it can be (data-modifying CTEs; a batch's rows passed
// as one JSON parameter, so the statement text and its compile cost do not grow with the batch), and FOR UPDATE SKIP
// LOCKED lets concurrent processes claim disjoint rows without waiting. Times are `timestamp(3)` (lib/db/time).
import type pg from "pg";
import { renderLoginRedeemedJson } from "@/lib/events/catalog";
import type { PrismaClient } from "@/lib/generated/postgresql/client";
import type { ClaimedEvent, EndpointFilter, HotPaths } from "../hot-paths";
import * as stored from "../rows";
import { toPostgresTime as time } from "../time";
import { createHotRateLimitBatch, createPostgresRateLimiter } from "./rate-limiter";

const optionalTime = (date: Date | null) => (date ? time(date) : null);

// Checks

const LOCK_SERVICES = `SELECT "id", "partnerId", "serviceId", "url", "status", "version", "consecutiveFailures",
    "downAfterFailures", "leaseOwner"
  FROM "Service" WHERE "id" IN (SELECT json_array_elements_text($1::json)) ORDER BY "id" FOR UPDATE`;

// Unreferenced data-modifying CTEs still run, exactly once and to completion.
const WRITE_CHECKS = `WITH
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
      "lastCheckedAt" = v."checkedAt",
      "updatedAt" = v."checkedAt",
      "statusChangedAt" = COALESCE(v."statusChangedAt", "Service"."statusChangedAt"),
      "nextCheckAt" = COALESCE(v."nextCheckAt", "Service"."nextCheckAt"),
      "leaseOwner" = CASE WHEN v."releaseLease" THEN NULL ELSE "Service"."leaseOwner" END,
      "leaseExpiresAt" = CASE WHEN v."releaseLease" THEN NULL ELSE "Service"."leaseExpiresAt" END
    FROM json_to_recordset($2::json) AS v("id" text, "status" text, "version" text, "failures" int,
      "checkedAt" timestamp(3), "statusChangedAt" timestamp(3), "nextCheckAt" timestamp(3), "releaseLease" boolean)
    WHERE "Service"."id" = v."id"
  ),
  daily AS (
    INSERT INTO "ServiceCheckDaily" ("serviceId", "day", "total", "live", "unauthentic", "down", "latencyMsTotal")
    SELECT * FROM json_to_recordset($3::json) AS d("serviceId" text, "day" text, "total" int, "live" int,
      "unauthentic" int, "down" int, "latencyMsTotal" int)
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

const LEASE_SERVICES = `UPDATE "Service" SET "leaseOwner" = $1, "leaseExpiresAt" = $2::timestamp(3)
  WHERE "id" IN (
    SELECT "id" FROM "Service"
    WHERE "nextCheckAt" <= $3::timestamp(3) AND ("leaseExpiresAt" IS NULL OR "leaseExpiresAt" < $3::timestamp(3))
      AND ("lastCheckedAt" IS NOT NULL OR "createdAt" <= $5::timestamp(3))
    ORDER BY "nextCheckAt" LIMIT $4 FOR UPDATE SKIP LOCKED
  )
  RETURNING "id", "partnerId", "serviceId", "url", "secretCiphertext", "checkIntervalSeconds", "nextCheckAt"`;

// Webhooks

const WEBHOOKS = {
  anyUndispatched: `SELECT 1 FROM "Event" WHERE "dispatchedAt" IS NULL LIMIT 1`,
  claimEvents: `UPDATE "Event" SET "dispatchedAt" = $1::timestamp(3)
    WHERE "id" IN (
      SELECT "id" FROM "Event" WHERE "dispatchedAt" IS NULL ORDER BY "createdAt" LIMIT $2 FOR UPDATE SKIP LOCKED
    )
    RETURNING "id", "partnerId", "type"`,
  endpoints: `SELECT "id", "partnerId", "events" FROM "WebhookEndpoint"
    WHERE "status" = 'enabled' AND "partnerId" IN (SELECT json_array_elements_text($1::json))`,
  insertDeliveries: `INSERT INTO "WebhookDelivery" ("id", "endpointId", "eventId", "eventType", "status", "attempts",
      "nextAttemptAt", "createdAt", "updatedAt")
    SELECT r."id", r."endpointId", r."eventId", r."eventType", 'pending', 0, $2::timestamp(3), $2::timestamp(3),
      $2::timestamp(3)
    FROM json_to_recordset($1::json) AS r("id" text, "endpointId" text, "eventId" text, "eventType" text)`,
  claimDeliveries: `WITH claimed AS (
      UPDATE "WebhookDelivery" SET "leaseOwner" = $1, "leaseExpiresAt" = $2::timestamp(3)
      WHERE "id" IN (
        SELECT d."id" FROM "WebhookDelivery" d JOIN "WebhookEndpoint" e ON e."id" = d."endpointId"
        WHERE d."status" = 'pending' AND d."nextAttemptAt" <= $3::timestamp(3)
          AND (d."leaseExpiresAt" IS NULL OR d."leaseExpiresAt" < $3::timestamp(3)) AND e."status" = 'enabled'
        ORDER BY d."nextAttemptAt" LIMIT $4 FOR UPDATE OF d SKIP LOCKED
      )
      RETURNING "id", "attempts", "endpointId", "eventId", "nextAttemptAt"
    )
    SELECT c."id", c."attempts", c."endpointId", ev."id" AS "eventId", ev."type" AS "eventType",
      ev."data" AS "eventData", ev."createdAt" AS "eventCreatedAt", e."url", e."authType", e."authConfigCiphertext",
      e."secretCiphertext", e."previousSecretCiphertext", e."previousSecretExpiresAt", e."failingSince"
    FROM claimed c JOIN "Event" ev ON ev."id" = c."eventId" JOIN "WebhookEndpoint" e ON e."id" = c."endpointId"
    ORDER BY c."nextAttemptAt"`,
  // One statement is one commit: the attempt log and the outcomes are written together or not at all.
  recordResults: `WITH a AS (
      SELECT * FROM json_to_recordset($1::json) AS a("id" text, "deliveryId" text, "attemptedAt" timestamp(3),
        "statusCode" int, "latencyMs" int, "error" text, "responseExcerpt" text, "requestHeaders" text,
        "responseHeaders" text, "responseBody" text, "responseTruncated" boolean)
    ), logged AS (
      INSERT INTO "WebhookAttempt" ("id", "deliveryId", "attemptedAt", "statusCode", "latencyMs", "error", "responseExcerpt",
        "requestHeaders", "responseHeaders", "responseBody", "responseTruncated")
      SELECT a."id", a."deliveryId", a."attemptedAt", a."statusCode", a."latencyMs", a."error", a."responseExcerpt",
        a."requestHeaders", a."responseHeaders", a."responseBody", a."responseTruncated"
      FROM a WHERE EXISTS (SELECT 1 FROM "WebhookDelivery" d WHERE d."id" = a."deliveryId")
    ), v AS (
      SELECT * FROM json_to_recordset($2::json) AS v("id" text, "owner" text, "status" text, "attempts" int,
        "nextAttemptAt" timestamp(3), "lastAttemptAt" timestamp(3), "lastStatusCode" int, "lastLatencyMs" int,
        "lastError" text, "lastResponseExcerpt" text)
    )
    UPDATE "WebhookDelivery" SET "updatedAt" = $3::timestamp(3), "status" = v."status", "attempts" = v."attempts",
      "nextAttemptAt" = v."nextAttemptAt", "lastAttemptAt" = v."lastAttemptAt", "lastStatusCode" = v."lastStatusCode",
      "lastLatencyMs" = v."lastLatencyMs", "lastError" = v."lastError", "lastResponseExcerpt" = v."lastResponseExcerpt",
      "leaseOwner" = NULL, "leaseExpiresAt" = NULL
    FROM v WHERE "WebhookDelivery"."id" = v."id" AND "WebhookDelivery"."leaseOwner" = v."owner"
    RETURNING "WebhookDelivery"."id"`,
};

// One-time login: a batch of claims in one statement, the login.redeemed events included (outbox rule: same commit).
// `$1` is a JSON array of the batch's claims, each with its index `i`, `$2` the same hashes joined by commas. Rows are
// found by their unique tokenHash only ("= ANY" gives the planner the exact count; "(partnerId = …) IS TRUE" cannot
// use an index, on purpose): with statistics that lag a burst of launches, the planner took the
// ("partnerId", "redeemedAt") index instead and filtered every unredeemed token of the partner (19 ms a claim at
// 45 000 tokens, against 0.07 ms). A hash sent twice in one batch updates its row once, so only one request of the
// two gets the row back. The access condition is canOpenService (lib/login/entitlements) in SQL.
const CLAIM_LOGIN_TOKENS = `
  WITH input AS MATERIALIZED (
    SELECT r."i", r."tokenHash", r."partnerId", r."at"::timestamp(3) AS "at", r."redeemedAt", r."eventId"
    FROM json_to_recordset($1::json) AS r("i" int, "tokenHash" text, "partnerId" text, "at" text, "redeemedAt" text,
      "eventId" text)
  ), claimed AS (
    UPDATE "LoginToken" AS l SET "redeemedAt" = r."at"
    FROM input r
    WHERE l."tokenHash" = ANY(string_to_array($2, ',')) AND l."tokenHash" = r."tokenHash"
      AND (l."partnerId" = r."partnerId") IS TRUE AND l."redeemedAt" IS NULL AND l."expiresAt" > r."at"
      AND EXISTS (
        SELECT 1 FROM "User" u JOIN "Service" s ON s."id" = l."serviceId"
        WHERE u."id" = l."userId" AND (
          u."partnerId" = s."partnerId"
          OR (s."state" = 'published' AND EXISTS (
            SELECT 1 FROM "Entitlement" e
            WHERE e."userId" = l."userId" AND e."serviceId" = l."serviceId" AND e."revokedAt" IS NULL
              AND (e."expiresAt" IS NULL OR e."expiresAt" > r."at")
          ))
        )
      )
    RETURNING r."i", r."at", r."redeemedAt", r."eventId", l."id", l."partnerId", l."userId", l."serviceId"
  ), redeemed AS (
    SELECT c.*, u."email", s."serviceId" AS "publicServiceId", s."name" AS "serviceName"
    FROM claimed c JOIN "User" u ON u."id" = c."userId" JOIN "Service" s ON s."id" = c."serviceId"
  ), recorded AS (
    INSERT INTO "Event" ("id", "partnerId", "type", "data", "createdAt")
    SELECT r."eventId", r."partnerId", 'login.redeemed',
      ${renderLoginRedeemedJson("json_build_object", {
        loginId: `r."id"`,
        publicServiceId: `r."publicServiceId"`,
        serviceName: `r."serviceName"`,
        email: `r."email"`,
        redeemedAt: `r."redeemedAt"`,
      })}::text,
      r."at"
    FROM redeemed r
    RETURNING "id"
  )
  SELECT r."i", r."email" FROM redeemed r JOIN recorded e ON e."id" = r."eventId"`;

// One statement for the batch: createMany would run every row through Prisma's query compiler.
const INSERT_TRANSACTIONS = `INSERT INTO "Transaction" ("id", "partnerId", "xid", "phoneNumber", "tokenHash", "issuedAt",
    "expiresAt", "status")
  SELECT r."id", r."partnerId", r."xid", r."phoneNumber", r."tokenHash", r."issuedAt"::timestamp(3),
    r."expiresAt"::timestamp(3), 'issued'
  FROM json_to_recordset($1::json) AS r("id" text, "partnerId" text, "xid" text, "phoneNumber" text, "tokenHash" text,
    "issuedAt" text, "expiresAt" text)`;

export function createPostgresHotPaths({ client, pool }: { client: PrismaClient; pool: pg.Pool }): HotPaths {
  const hotRateLimitBatch = createHotRateLimitBatch(pool);
  return {
    // Row locks in id order, so concurrent batches and "check now" calls cannot deadlock.
    recordCheckBatch: ({ serviceIds, plan }) =>
      client.$transaction(
        async (tx) => {
          const ids = [...new Set(serviceIds)];
          const rows = await tx.$queryRawUnsafe<stored.LockedServiceRow[]>(LOCK_SERVICES, JSON.stringify(ids));
          const locked = new Map(rows.map((row) => [row.id, stored.toLockedService(row)]));
          const { writes, result } = plan(locked);
          if (!Object.values(writes).some((rows) => rows.length)) return result;
          await tx.$queryRawUnsafe(
            WRITE_CHECKS,
            JSON.stringify(writes.checks.map((c) => ({ ...c, checkedAt: time(c.checkedAt) }))),
            JSON.stringify(
              writes.services.map((s) => ({
                ...s,
                checkedAt: time(s.checkedAt),
                statusChangedAt: optionalTime(s.statusChangedAt),
                nextCheckAt: optionalTime(s.nextCheckAt),
              })),
            ),
            JSON.stringify(writes.daily),
            JSON.stringify(writes.versions.map((v) => ({ ...v, firstSeenAt: time(v.firstSeenAt) }))),
            JSON.stringify(writes.events.map((e) => ({ ...e, createdAt: time(e.createdAt) }))),
          );
          return result;
        },
        // Batches queue for a pooled connection.
        { maxWait: 30_000, timeout: 30_000 },
      ),

    claimDueServices: async ({ owner, limit, now, leaseUntil, createdBefore }) => {
      const rows = await client.$queryRawUnsafe<stored.LeasedServiceRow[]>(
        LEASE_SERVICES,
        owner,
        time(leaseUntil),
        time(now),
        limit,
        time(createdBefore),
      );
      return rows.map(stored.toLeasedService);
    },

    fanOutEvents: async ({ limit, now, plan }) => {
      const at = time(now);
      // A plain read first: an empty poll then costs one cheap statement instead of a transaction.
      if (!(await client.$queryRawUnsafe<unknown[]>(WEBHOOKS.anyUndispatched)).length)
        return { events: 0, deliveries: 0 };
      return client.$transaction(async (tx) => {
        const events = await tx.$queryRawUnsafe<ClaimedEvent[]>(WEBHOOKS.claimEvents, at, limit);
        if (!events.length) return { events: 0, deliveries: 0 };
        const endpoints = await tx.$queryRawUnsafe<EndpointFilter[]>(
          WEBHOOKS.endpoints,
          JSON.stringify([...new Set(events.map((event) => event.partnerId))]),
        );
        const rows = plan(events, endpoints);
        if (rows.length) await tx.$executeRawUnsafe(WEBHOOKS.insertDeliveries, JSON.stringify(rows), at);
        return { events: events.length, deliveries: rows.length };
      });
    },

    claimDueDeliveries: async ({ owner, limit, now, leaseUntil }) => {
      const rows = await client.$queryRawUnsafe<stored.LoadedDeliveryRow[]>(
        WEBHOOKS.claimDeliveries,
        owner,
        time(leaseUntil),
        time(now),
        limit,
      );
      return rows.map(stored.toLoadedDelivery);
    },

    recordDeliveryResults: async ({ attempts, outcomes, now }) => {
      if (!outcomes.length && !attempts.length) return new Set();
      const updated = await client.$queryRawUnsafe<{ id: string }[]>(
        WEBHOOKS.recordResults,
        JSON.stringify(attempts.map((a) => ({ ...a, attemptedAt: time(a.attemptedAt) }))),
        JSON.stringify(
          outcomes.map((o) => ({
            ...o,
            nextAttemptAt: optionalTime(o.nextAttemptAt),
            lastAttemptAt: time(o.lastAttemptAt),
          })),
        ),
        time(now),
      );
      return new Set(updated.map((row) => row.id));
    },

    // Sorted by hash, so two batches in flight that share tokens lock their rows in the same order (no deadlock).
    claimLoginTokens: async (claims) => {
      const input = claims
        .map((claim, i) => ({
          i,
          tokenHash: claim.tokenHash,
          partnerId: claim.partnerId,
          at: time(claim.at),
          redeemedAt: claim.at.toISOString(),
          eventId: claim.eventId,
        }))
        .sort((a, b) => (a.tokenHash < b.tokenHash ? -1 : a.tokenHash > b.tokenHash ? 1 : 0));
      const { rows } = await pool.query<{ i: number; email: string }>(CLAIM_LOGIN_TOKENS, [
        JSON.stringify(input),
        input.map((claim) => claim.tokenHash).join(","),
      ]);
      const emails: (string | null)[] = claims.map(() => null);
      for (const row of rows) emails[Number(row.i)] = row.email;
      return emails;
    },

    insertTransactions: async (rows) => {
      const json = rows.map((row) => ({ ...row, issuedAt: time(row.issuedAt), expiresAt: time(row.expiresAt) }));
      // On the pool, as the rate limits and login claims: the hottest writes skip the ORM's raw-query layer.
      await pool.query(INSERT_TRANSACTIONS, [JSON.stringify(json)]);
    },

    createRateLimiter: ({ keyPrefix, points, durationSeconds, hotPath }) =>
      createPostgresRateLimiter({
        pool,
        keyPrefix,
        points,
        durationSeconds,
        hotBatch: hotPath ? hotRateLimitBatch : undefined,
      }),
  };
}
