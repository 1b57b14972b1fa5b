// Rate limits on PostgreSQL: instances share the database, so every limiter counts there, hot paths included —
// rate-limiter-flexible's PostgreSQL store on the pool, one upsert per consumed point, in "RateLimitCounter" (its SQL
// inserts by position: key, points, expire in epoch ms — the table's column order). Hot-path limiters (issuance's
// partner and phone-number windows) share one batch: the points that concurrent requests consume in any of them are
// upserted in one statement, one row per key with its count, with the store's window rule — still exact across
// instances, one round trip (and one statement for the database to run) per batch instead of one per window or point.
import type pg from "pg";
import { RateLimiterPostgres } from "rate-limiter-flexible";
import type { RateLimiter } from "../hot-paths";
import { consumeThroughTake, toRateLimiter } from "../rate-limiter";
import { createWriteBatcher } from "../write-batcher";

// Keys sorted before the upsert: concurrent batches lock their rows in one order, so they cannot deadlock.
// A row whose window has ended starts a new one with this batch's count (as the library's upsert does).
const CONSUME_BATCH = `
  INSERT INTO "RateLimitCounter" ("key", "points", "expire")
  SELECT k, n, e FROM unnest($1::text[], $2::int[], $3::bigint[]) AS t(k, n, e) ORDER BY k
  ON CONFLICT ("key") DO UPDATE SET
    "points" = CASE WHEN "RateLimitCounter"."expire" <= $4::bigint THEN EXCLUDED."points"
                    ELSE "RateLimitCounter"."points" + EXCLUDED."points" END,
    "expire" = CASE WHEN "RateLimitCounter"."expire" <= $4::bigint THEN EXCLUDED."expire"
                    ELSE "RateLimitCounter"."expire" END
  RETURNING "key", "points", "expire"`;

type Taken = { allowed: boolean; consumedPoints: number; msBeforeNext: number };

/** A point to take from a hot-path window: the key with its window's prefix, and the window. */
type HotCharge = { key: string; points: number; durationSeconds: number };

/** The batch every hot-path window of one pool shares; create one per pool (createPostgresHotPaths). */
export function createHotRateLimitBatch(pool: pg.Pool) {
  return createWriteBatcher<HotCharge, Taken>({
    maxBatch: 512,
    retryAlone: () => false,
    writeBatch: async (charges) => {
      const now = Date.now();
      // One row per key: its count in this batch, and the end a new window of its duration would have.
      const counts = new Map<string, { count: number; expire: number }>();
      for (const { key, durationSeconds } of charges) {
        const row = counts.get(key) ?? { count: 0, expire: now + durationSeconds * 1000 };
        row.count += 1;
        counts.set(key, row);
      }
      const { rows } = await pool.query<{ key: string; points: number; expire: string | null }>(CONSUME_BATCH, [
        [...counts.keys()],
        [...counts.values()].map((row) => row.count),
        [...counts.values()].map((row) => row.expire),
        now,
      ]);
      // Each key's points before this batch, then handed out one by one in arrival order.
      const before = new Map<string, { next: number; expire: number }>();
      for (const row of rows) {
        const count = counts.get(row.key)?.count ?? 0;
        before.set(row.key, { next: row.points - count, expire: Number(row.expire ?? now) });
      }
      return charges.map(({ key, points }) => {
        const window = before.get(key);
        if (!window) throw new Error(`rate limit upsert returned no row for ${key}`);
        window.next += 1;
        const msBeforeNext = Math.max(0, window.expire - now);
        return { allowed: window.next <= points, consumedPoints: window.next, msBeforeNext };
      });
    },
  });
}

export function createPostgresRateLimiter(options: {
  pool: pg.Pool;
  keyPrefix: string;
  points: number;
  durationSeconds: number;
  /** Hot-path windows count through this shared batch (createHotRateLimitBatch); others one upsert per point. */
  hotBatch?: ReturnType<typeof createHotRateLimitBatch>;
}): RateLimiter {
  const { pool, keyPrefix, points, durationSeconds, hotBatch } = options;
  const store = toRateLimiter(
    new RateLimiterPostgres({
      keyPrefix,
      points,
      duration: durationSeconds,
      storeClient: pool,
      storeType: "pool",
      tableName: "RateLimitCounter",
      tableCreated: true, // by the migration
      clearExpiredByTimeout: true,
    }),
  );
  if (!hotBatch) return store;

  // The library's key: prefix, colon, key — so reset, reward and get through the store reach the same row.
  const take = (key: string) => hotBatch.write({ key: `${keyPrefix}:${key}`, points, durationSeconds });
  return {
    consume: consumeThroughTake(take),
    take,
    reset: (key) => store.reset(key),
    reward: (key, rewarded) => store.reward(key, rewarded),
    get: (key) => store.get(key),
  };
}
