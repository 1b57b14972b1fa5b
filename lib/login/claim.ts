// The redemption claim (seed 004): the provider-specific SQL of the hot path. One conditional write takes the token
// — still unredeemed, unexpired, the caller's, and the user still allowed in (a member of the owning partner, or a
// live entitlement to a published service, as canOpenService says) — and the login.redeemed event is written in the
// same commit (outbox rule). Claims that arrive together are written together (lib/db/write-batcher), each still its
// own conditional update, so a token is claimed at most once however batches are made. PostgreSQL: one statement per
// batch (data-modifying CTEs). SQLite: RETURNING cannot feed another statement, so each claim and its event INSERT
// run in one synchronous better-sqlite3 transaction per batch on Prisma's connection (runOnSqlite).
import { createId } from "@/lib/crypto/random";
import { getDb, runOnSqlite } from "@/lib/db/client";
import { isPostgres, toDbTime } from "@/lib/db/raw-sql";
import { createWriteBatcher } from "@/lib/db/write-batcher";

// canOpenService in SQL: `l` names the login token row, `at` the claim instant's placeholder.
const accessCondition = (l: string, at: string) => `EXISTS (
      SELECT 1 FROM "User" u JOIN "Service" s ON s."id" = ${l}."serviceId"
      WHERE u."id" = ${l}."userId" AND (
        u."partnerId" = s."partnerId"
        OR (s."state" = 'published' AND EXISTS (
          SELECT 1 FROM "Entitlement" e
          WHERE e."userId" = ${l}."userId" AND e."serviceId" = ${l}."serviceId" AND e."revokedAt" IS NULL
            AND (e."expiresAt" IS NULL OR e."expiresAt" > ${at})
        ))
      )
    )`;

// A batch of claims in one statement: `$1` is a JSON array of the batch's ClaimRequests, each with its index `i` (`at`
// is its claim instant), `$2` the same hashes joined by commas. Rows are found by their unique
// tokenHash only ("= ANY" gives the planner the exact count; "(partnerId = …) IS TRUE" cannot use an index, on
// purpose): with statistics that lag a burst of launches, the planner took the ("partnerId", "redeemedAt") index
// instead and filtered every unredeemed token of the partner (19 ms a claim at 45 000 tokens, against 0.07 ms).
// A hash sent twice in one batch updates its row once, so only one request of the two gets the row back.
const POSTGRES_CLAIM = `
  WITH input AS MATERIALIZED (
    SELECT r."i", r."tokenHash", r."partnerId", r."at"::timestamp(3) AS "at", r."redeemedAtIso", r."eventId"
    FROM json_to_recordset($1::json) AS r("i" int, "tokenHash" text, "partnerId" text, "at" text, "redeemedAtIso" text,
      "eventId" text)
  ), claimed AS (
    UPDATE "LoginToken" AS l SET "redeemedAt" = r."at"
    FROM input r
    WHERE l."tokenHash" = ANY(string_to_array($2, ',')) AND l."tokenHash" = r."tokenHash"
      AND (l."partnerId" = r."partnerId") IS TRUE AND l."redeemedAt" IS NULL AND l."expiresAt" > r."at"
      AND ${accessCondition("l", `r."at"`)}
    RETURNING r."i", r."at", r."redeemedAtIso", r."eventId", l."id", l."partnerId", l."userId", l."serviceId"
  ), redeemed AS (
    SELECT c.*, u."email", s."serviceId" AS "publicServiceId", s."name" AS "serviceName"
    FROM claimed c JOIN "User" u ON u."id" = c."userId" JOIN "Service" s ON s."id" = c."serviceId"
  ), recorded AS (
    INSERT INTO "Event" ("id", "partnerId", "type", "data", "createdAt")
    SELECT r."eventId", r."partnerId", 'login.redeemed',
      json_build_object('login_id', r."id", 'service_id', r."publicServiceId", 'service_name', r."serviceName",
        'internal_email_address', r."email", 'redeemed_at', r."redeemedAtIso")::text,
      r."at"
    FROM redeemed r
    RETURNING "id"
  )
  SELECT r."i", r."email" FROM redeemed r JOIN recorded e ON e."id" = r."eventId"`;

// No alias for the updated table: SQLite's RETURNING subqueries only see it by its name.
const SQLITE_CLAIM = `
  UPDATE "LoginToken" SET "redeemedAt" = ?
  WHERE "tokenHash" = ? AND "partnerId" = ? AND "redeemedAt" IS NULL AND "expiresAt" > ?
    AND ${accessCondition(`"LoginToken"`, "?")}
  RETURNING "id", "partnerId",
    (SELECT u."email" FROM "User" u WHERE u."id" = "LoginToken"."userId") AS "email",
    (SELECT s."serviceId" FROM "Service" s WHERE s."id" = "LoginToken"."serviceId") AS "publicServiceId",
    (SELECT s."name" FROM "Service" s WHERE s."id" = "LoginToken"."serviceId") AS "serviceName"`;

const SQLITE_EVENT = `
  INSERT INTO "Event" ("id", "partnerId", "type", "data", "createdAt") VALUES (?, ?, 'login.redeemed', ?, ?)`;

type SqliteClaimed = { id: string; partnerId: string; email: string; publicServiceId: string; serviceName: string };

interface ClaimRequest {
  tokenHash: string;
  partnerId: string;
  at: string;
  redeemedAtIso: string;
  eventId: string;
}

// SQLite: the claims of concurrent redemptions share one transaction (lib/db/write-batcher), each still its own
// conditional UPDATE, so one token is claimed at most once however the batch is made. Rolled back as a whole on
// error, then retried one by one.
const sqliteClaims = createWriteBatcher<ClaimRequest, string | null>({
  writeBatch: (claims) =>
    runOnSqlite(({ database, prepare }) =>
      database.transaction(() => {
        const claim = prepare(SQLITE_CLAIM);
        const record = prepare(SQLITE_EVENT);
        return claims.map((request) => {
          const { at } = request;
          const claimed = claim.get(at, request.tokenHash, request.partnerId, at, at) as SqliteClaimed | undefined;
          if (!claimed) return null;
          const data = JSON.stringify({
            login_id: claimed.id,
            service_id: claimed.publicServiceId,
            service_name: claimed.serviceName,
            internal_email_address: claimed.email,
            redeemed_at: request.redeemedAtIso,
          });
          record.run(request.eventId, claimed.partnerId, data, at);
          return claimed.email;
        });
      })(),
    ),
  maxBatch: 256,
  retryAlone: () => true,
});

// PostgreSQL: the claims that arrive together go as one statement (one round trip, one commit). Sorted by hash, so
// two batches in flight that share tokens lock their rows in the same order (no deadlock between them).
const postgresClaims = createWriteBatcher<ClaimRequest, string | null>({
  writeBatch: async (claims) => {
    const input = claims
      .map((request, i) => ({ i, ...request }))
      .sort((a, b) => (a.tokenHash < b.tokenHash ? -1 : a.tokenHash > b.tokenHash ? 1 : 0));
    const rows = await getDb().$queryRawUnsafe<{ i: number; email: string }[]>(
      POSTGRES_CLAIM,
      JSON.stringify(input),
      input.map((request) => request.tokenHash).join(","),
    );
    const emails: (string | null)[] = claims.map(() => null);
    for (const row of rows) emails[Number(row.i)] = row.email;
    return emails;
  },
  maxBatch: 256,
  retryAlone: () => true,
});

/**
 * Claims the token for `partnerId` at `now` and records login.redeemed in the same commit. Returns the user's email,
 * or null when nothing was claimed (unknown, another partner's, used, expired, or access lost: the caller tells
 * which with reads). Exactly one of any number of concurrent callers gets the email.
 */
export async function claimLoginToken(options: {
  tokenHash: string;
  partnerId: string;
  now: Date;
}): Promise<string | null> {
  const request: ClaimRequest = {
    tokenHash: options.tokenHash,
    partnerId: options.partnerId,
    at: toDbTime(options.now),
    redeemedAtIso: options.now.toISOString(),
    eventId: createId("evt"),
  };
  return isPostgres() ? postgresClaims.write(request) : sqliteClaims.write(request);
}
