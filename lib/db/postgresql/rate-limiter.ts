// Rate limits on PostgreSQL: instances share the database, so every limiter counts there, hot paths included —
// rate-limiter-flexible's PostgreSQL store on the pool, one upsert per consumed point, in "RateLimitCounter" (its SQL
// inserts by position: key, points, expire in epoch ms — the table's column order). Hot-path limiters (issuance) upsert
// the points that concurrent requests consume in one statement per batch, one row per key with its count, with the
// store's window rule: still exact across instances, one round trip per batch instead of one per request.
import type pg from "pg";
import { RateLimiterPostgres } from "rate-limiter-flexible";
import type { RateLimiter } from "../hot-paths";
import { toRateLimiter } from "../rate-limiter";
import { createWriteBatcher } from "../write-batcher";

// Keys sorted before the upsert: concurrent batches lock their rows in one order, so they cannot deadlock.
// A row whose window has ended starts a new one with this batch's count (as the library's upsert does).
const CONSUME_BATCH = `
  INSERT INTO "RateLimitCounter" ("key", "points", "expire")
  SELECT k, n, $3::bigint FROM unnest($1::text[], $2::int[]) AS t(k, n) ORDER BY k
  ON CONFLICT ("key") DO UPDATE SET
    "points" = CASE WHEN "RateLimitCounter"."expire" <= $4::bigint THEN EXCLUDED."points"
                    ELSE "RateLimitCounter"."points" + EXCLUDED."points" END,
    "expire" = CASE WHEN "RateLimitCounter"."expire" <= $4::bigint THEN EXCLUDED."expire"
                    ELSE "RateLimitCounter"."expire" END
  RETURNING "key", "points", "expire"`;

type Taken = { allowed: boolean; consumedPoints: number; msBeforeNext: number };

export function createPostgresRateLimiter(options: {
  pool: pg.Pool;
  keyPrefix: string;
  points: number;
  durationSeconds: number;
  hotPath: boolean;
}): RateLimiter {
  const { pool, keyPrefix, points, durationSeconds } = options;
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
  if (!options.hotPath) return store;

  const batcher = createWriteBatcher<string, Taken>({
    maxBatch: 512,
    retryAlone: () => false,
    writeBatch: async (keys) => {
      const counts = new Map<string, number>();
      for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
      const now = Date.now();
      const { rows } = await pool.query<{ key: string; points: number; expire: string | null }>(CONSUME_BATCH, [
        [...counts.keys()],
        [...counts.values()],
        now + durationSeconds * 1000,
        now,
      ]);
      // Each key's points before this batch, then handed out one by one in arrival order.
      const before = new Map<string, { next: number; expire: number }>();
      for (const row of rows) {
        const count = counts.get(row.key) ?? 0;
        before.set(row.key, { next: row.points - count, expire: Number(row.expire ?? now) });
      }
      return keys.map((key) => {
        const window = before.get(key);
        if (!window) throw new Error(`rate limit upsert returned no row for ${key}`);
        window.next += 1;
        const msBeforeNext = Math.max(0, window.expire - now);
        return { allowed: window.next <= points, consumedPoints: window.next, msBeforeNext };
      });
    },
  });

  const take = (key: string) => batcher.write(`${keyPrefix}:${key}`);
  return {
    async consume(key) {
      const taken = await take(key);
      return taken.allowed ? { allowed: true } : { allowed: false, msBeforeNext: taken.msBeforeNext };
    },
    take,
    reset: (key) => store.reset(key),
    reward: (key, rewarded) => store.reward(key, rewarded),
    get: (key) => store.get(key),
  };
}
