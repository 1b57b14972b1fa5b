// Atomic claims and outcome writes for the webhooks worker: the provider-specific SQL of this capability's hot path.
// PostgreSQL: FOR UPDATE SKIP LOCKED lets concurrent workers take disjoint rows without waiting, and each step is one
// statement (data-modifying CTEs, row sets passed as one JSON parameter). SQLite has one writer: each step is one
// synchronous better-sqlite3 transaction on Prisma's connection (runOnSqlite) with statements prepared once. Prisma's
// per-statement query compilation and row mapping cost more than the HTTP request itself (≈1 ms per delivery for
// createMany/findMany with include), so none of it runs per delivery.
import { createId } from "@/lib/crypto/random";
import { type Db, type DirectSqlite, getDb, runOnSqlite } from "@/lib/db/client";
import { fromDbTime, isPostgres, toDbTime } from "@/lib/db/raw-sql";
import { parseEventFilter } from "./endpoints";

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
    : tx.$queryRawUnsafe<ClaimedEvent[]>(SQLITE_CLAIM_EVENTS, at, options.limit);
}

const SQLITE_CLAIM_EVENTS = `UPDATE "Event" SET "dispatchedAt" = ?
  WHERE "id" IN (SELECT "id" FROM "Event" WHERE "dispatchedAt" IS NULL ORDER BY "createdAt" LIMIT ?)
  RETURNING "id", "partnerId", "type"`;

type EndpointFilter = { id: string; partnerId: string; events: string };

/** One delivery per event and enabled endpoint of its partner whose event filter matches. */
function planDeliveries(events: ClaimedEvent[], endpoints: EndpointFilter[]) {
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
export async function fanOutEvents(options: {
  limit: number;
  now: Date;
}): Promise<{ events: number; deliveries: number }> {
  const at = toDbTime(options.now);
  if (!isPostgres()) {
    return runOnSqlite(({ database, prepare }) => {
      // A plain read first: an empty claim would still take the write lock on every poll.
      if (!prepare(`SELECT 1 FROM "Event" WHERE "dispatchedAt" IS NULL LIMIT 1`).get())
        return { events: 0, deliveries: 0 };
      return database.transaction(() => {
        const events = prepare(SQLITE_CLAIM_EVENTS).all(at, options.limit) as ClaimedEvent[];
        if (!events.length) return { events: 0, deliveries: 0 };
        const partnerIds = JSON.stringify([...new Set(events.map((event) => event.partnerId))]);
        const endpoints = prepare(
          `SELECT "id", "partnerId", "events" FROM "WebhookEndpoint"
            WHERE "status" = 'enabled' AND "partnerId" IN (SELECT value FROM json_each(?))`,
        ).all(partnerIds) as EndpointFilter[];
        const rows = planDeliveries(events, endpoints);
        const insert = prepare(
          `INSERT INTO "WebhookDelivery" ("id", "endpointId", "eventId", "eventType", "status", "attempts",
            "nextAttemptAt", "createdAt", "updatedAt") VALUES (?, ?, ?, ?, 'pending', 0, ?, ?, ?)`,
        );
        for (const row of rows) insert.run(row.id, row.endpointId, row.eventId, row.eventType, at, at, at);
        return { events: events.length, deliveries: rows.length };
      })();
    });
  }
  const db = getDb();
  // A plain read first: an empty poll then costs one cheap statement instead of a transaction.
  if (!(await db.$queryRawUnsafe<unknown[]>(`SELECT 1 FROM "Event" WHERE "dispatchedAt" IS NULL LIMIT 1`)).length)
    return { events: 0, deliveries: 0 };
  return db.$transaction(async (tx) => {
    const events = await claimUndispatchedEvents(tx, { limit: options.limit, now: options.now });
    if (!events.length) return { events: 0, deliveries: 0 };
    const endpoints = await tx.$queryRawUnsafe<EndpointFilter[]>(
      `SELECT "id", "partnerId", "events" FROM "WebhookEndpoint"
        WHERE "status" = 'enabled' AND "partnerId" IN (SELECT json_array_elements_text($1::json))`,
      JSON.stringify([...new Set(events.map((event) => event.partnerId))]),
    );
    const rows = planDeliveries(events, endpoints);
    if (rows.length) {
      await tx.$executeRawUnsafe(
        `INSERT INTO "WebhookDelivery" ("id", "endpointId", "eventId", "eventType", "status", "attempts", "nextAttemptAt",
            "createdAt", "updatedAt")
          SELECT r."id", r."endpointId", r."eventId", r."eventType", 'pending', 0, $2::timestamp(3), $2::timestamp(3),
            $2::timestamp(3)
          FROM json_to_recordset($1::json) AS r("id" text, "endpointId" text, "eventId" text, "eventType" text)`,
        JSON.stringify(rows),
        at,
      );
    }
    return { events: events.length, deliveries: rows.length };
  });
}

/** A leased delivery with everything sending it needs. */
export interface LoadedDelivery {
  id: string;
  attempts: number;
  endpointId: string;
  event: { id: string; type: string; data: string; createdAt: Date };
  endpoint: {
    id: string;
    url: string;
    authType: string;
    authConfigCiphertext: string | null;
    secretCiphertext: string;
    previousSecretCiphertext: string | null;
    previousSecretExpiresAt: Date | null;
    failingSince: Date | null;
  };
}

interface LoadedRow {
  id: string;
  attempts: number | bigint;
  endpointId: string;
  eventId: string;
  eventType: string;
  eventData: string;
  eventCreatedAt: Date | string;
  url: string;
  authType: string;
  authConfigCiphertext: string | null;
  secretCiphertext: string;
  previousSecretCiphertext: string | null;
  previousSecretExpiresAt: Date | string | null;
  failingSince: Date | string | null;
}

const LOADED_COLUMNS = `ev."id" AS "eventId", ev."type" AS "eventType", ev."data" AS "eventData",
  ev."createdAt" AS "eventCreatedAt", e."url", e."authType", e."authConfigCiphertext", e."secretCiphertext",
  e."previousSecretCiphertext", e."previousSecretExpiresAt", e."failingSince"`;

function toLoaded(row: LoadedRow): LoadedDelivery {
  const optionalTime = (value: Date | string | null) => (value === null ? null : fromDbTime(value));
  return {
    id: row.id,
    attempts: Number(row.attempts),
    endpointId: row.endpointId,
    event: { id: row.eventId, type: row.eventType, data: row.eventData, createdAt: fromDbTime(row.eventCreatedAt) },
    endpoint: {
      id: row.endpointId,
      url: row.url,
      authType: row.authType,
      authConfigCiphertext: row.authConfigCiphertext,
      secretCiphertext: row.secretCiphertext,
      previousSecretCiphertext: row.previousSecretCiphertext,
      previousSecretExpiresAt: optionalTime(row.previousSecretExpiresAt),
      failingSince: optionalTime(row.failingSince),
    },
  };
}

/**
 * Leases up to `limit` due deliveries of enabled endpoints (not leased, or lease lapsed), oldest due first, and returns
 * them with their event and endpoint. A worker that dies lets its lease lapse and another takes the delivery over:
 * at-least-once, with the same webhook-id.
 */
export async function claimDueDeliveries(options: {
  owner: string;
  limit: number;
  leaseSeconds: number;
  now: Date;
}): Promise<LoadedDelivery[]> {
  const at = toDbTime(options.now);
  const until = toDbTime(new Date(options.now.getTime() + options.leaseSeconds * 1000));
  if (isPostgres()) {
    const rows = await getDb().$queryRawUnsafe<LoadedRow[]>(
      `WITH claimed AS (
          UPDATE "WebhookDelivery" SET "leaseOwner" = $1, "leaseExpiresAt" = $2::timestamp(3)
          WHERE "id" IN (
            SELECT d."id" FROM "WebhookDelivery" d JOIN "WebhookEndpoint" e ON e."id" = d."endpointId"
            WHERE d."status" = 'pending' AND d."nextAttemptAt" <= $3::timestamp(3)
              AND (d."leaseExpiresAt" IS NULL OR d."leaseExpiresAt" < $3::timestamp(3)) AND e."status" = 'enabled'
            ORDER BY d."nextAttemptAt" LIMIT $4 FOR UPDATE OF d SKIP LOCKED
          )
          RETURNING "id", "attempts", "endpointId", "eventId", "nextAttemptAt"
        )
        SELECT c."id", c."attempts", c."endpointId", ${LOADED_COLUMNS}
        FROM claimed c JOIN "Event" ev ON ev."id" = c."eventId" JOIN "WebhookEndpoint" e ON e."id" = c."endpointId"
        ORDER BY c."nextAttemptAt"`,
      options.owner,
      until,
      at,
      options.limit,
    );
    return rows.map(toLoaded);
  }
  return runOnSqlite(({ database, prepare }) =>
    database.transaction(() => {
      const claimed = prepare(
        `UPDATE "WebhookDelivery" SET "leaseOwner" = ?, "leaseExpiresAt" = ?
          WHERE "id" IN (
            SELECT d."id" FROM "WebhookDelivery" d JOIN "WebhookEndpoint" e ON e."id" = d."endpointId"
            WHERE d."status" = 'pending' AND d."nextAttemptAt" <= ?
              AND (d."leaseExpiresAt" IS NULL OR d."leaseExpiresAt" < ?) AND e."status" = 'enabled'
            ORDER BY d."nextAttemptAt" LIMIT ?
          )
          RETURNING "id"`,
      ).all(options.owner, until, at, at, options.limit) as { id: string }[];
      if (!claimed.length) return [];
      const rows = prepare(
        `SELECT d."id", d."attempts", d."endpointId", ${LOADED_COLUMNS}
          FROM "WebhookDelivery" d JOIN "Event" ev ON ev."id" = d."eventId"
            JOIN "WebhookEndpoint" e ON e."id" = d."endpointId"
          WHERE d."id" IN (SELECT value FROM json_each(?)) AND d."leaseOwner" = ?
          ORDER BY d."nextAttemptAt"`,
      ).all(JSON.stringify(claimed.map((row) => row.id)), options.owner) as LoadedRow[];
      return rows.map(toLoaded);
    })(),
  );
}

export interface AttemptRow {
  id: string;
  deliveryId: string;
  attemptedAt: Date;
  statusCode: number | null;
  latencyMs: number;
  error: string | null;
  responseExcerpt: string | null;
  /** JSON objects. */
  requestHeaders: string | null;
  responseHeaders: string | null;
  responseBody: string | null;
  responseTruncated: boolean;
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

/**
 * Logs the attempts (each HTTP request made, lease or not) and records the outcomes, releasing their leases, in one
 * commit; returns the ids whose lease still held. Attempts of a delivery deleted meanwhile are skipped.
 */
export function recordDeliveryResults(
  attempts: AttemptRow[],
  outcomes: DeliveryOutcome[],
  now: Date,
): Promise<Set<string>> {
  if (!outcomes.length && !attempts.length) return Promise.resolve(new Set());
  return isPostgres()
    ? recordOnPostgres(attempts, outcomes, now)
    : runOnSqlite((connection) => recordOnSqlite(connection, attempts, outcomes, now));
}

function recordOnSqlite(
  { database, prepare }: DirectSqlite,
  attempts: AttemptRow[],
  outcomes: DeliveryOutcome[],
  now: Date,
): Set<string> {
  const insert = prepare(
    `INSERT INTO "WebhookAttempt" ("id", "deliveryId", "attemptedAt", "statusCode", "latencyMs", "error", "responseExcerpt",
        "requestHeaders", "responseHeaders", "responseBody", "responseTruncated")
      SELECT ?, d."id", ?, ?, ?, ?, ?, ?, ?, ?, ? FROM "WebhookDelivery" d WHERE d."id" = ?`,
  );
  const update = prepare(
    `UPDATE "WebhookDelivery" SET "updatedAt" = ?, "status" = ?, "attempts" = ?, "nextAttemptAt" = ?,
      "lastAttemptAt" = ?, "lastStatusCode" = ?, "lastLatencyMs" = ?, "lastError" = ?, "lastResponseExcerpt" = ?,
      "leaseOwner" = NULL, "leaseExpiresAt" = NULL
    WHERE "id" = ? AND "leaseOwner" = ?`,
  );
  const updatedAt = toDbTime(now);
  return database.transaction(() => {
    for (const a of attempts) {
      insert.run(
        a.id,
        toDbTime(a.attemptedAt),
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
        o.nextAttemptAt ? toDbTime(o.nextAttemptAt) : null,
        toDbTime(o.lastAttemptAt),
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
}

async function recordOnPostgres(attempts: AttemptRow[], outcomes: DeliveryOutcome[], now: Date): Promise<Set<string>> {
  // One statement is one commit: the attempt log and the outcomes are written together or not at all.
  const attemptRows = attempts.map((a) => ({ ...a, attemptedAt: toDbTime(a.attemptedAt) }));
  const outcomeRows = outcomes.map((o) => ({
    ...o,
    nextAttemptAt: o.nextAttemptAt ? toDbTime(o.nextAttemptAt) : null,
    lastAttemptAt: toDbTime(o.lastAttemptAt),
  }));
  const updated = await getDb().$queryRawUnsafe<{ id: string }[]>(
    `WITH a AS (
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
    JSON.stringify(attemptRows),
    JSON.stringify(outcomeRows),
    toDbTime(now),
  );
  return new Set(updated.map((row) => row.id));
}
