// Rate-limit counters in SQLite's "RateLimitCounter" table: rate-limiter-flexible's SQLite store, with each statement
// run on Prisma's connection between transactions (runDirect), never inside another request's open transaction.
import { RateLimiterSQLite } from "rate-limiter-flexible";
import type { RunDirect } from "./hot-paths";

const UPSERT = `INSERT INTO "RateLimitCounter" ("key", "points", "expire") VALUES (?, ?, ?)
  ON CONFLICT ("key") DO UPDATE SET
    "points" = CASE WHEN "expire" IS NULL OR "expire" > ? THEN "points" + excluded."points" ELSE excluded."points" END,
    "expire" = CASE WHEN "expire" IS NULL OR "expire" > ? THEN "expire" ELSE excluded."expire" END
  RETURNING "points", "expire"`;
const REPLACE = `INSERT OR REPLACE INTO "RateLimitCounter" ("key", "points", "expire") VALUES (?, ?, ?)
  RETURNING "points", "expire"`;
const GET = `SELECT "points", "expire" FROM "RateLimitCounter" WHERE "key" = ? AND ("expire" > ? OR "expire" IS NULL)`;
const DELETE = `DELETE FROM "RateLimitCounter" WHERE "key" = ?`;

type Counter = { points: number; expire: number | null };
type StoredCounter = { points: number | bigint; expire: number | bigint | null };

// Integers come back as BigInt on this connection (the adapter's safe-integer mode); the library computes with numbers.
const toCounter = (row: StoredCounter): Counter => ({
  points: Number(row.points),
  expire: row.expire === null ? null : Number(row.expire),
});

/** The library's store with its three statements routed through runDirect; its result handling is unchanged. */
export class SqliteRateLimiter extends RateLimiterSQLite {
  private readonly runDirect: RunDirect;

  constructor(options: { keyPrefix: string; points: number; duration: number; runDirect: RunDirect }) {
    super({
      keyPrefix: options.keyPrefix,
      points: options.points,
      duration: options.duration,
      // The library checks it is handed a better-sqlite3 handle; every statement goes through runDirect instead.
      storeClient: { prepare: notDirect },
      storeType: "better-sqlite3",
      tableName: "RateLimitCounter",
      tableCreated: true, // by the migration
      clearExpiredByTimeout: false,
    });
    this.runDirect = options.runDirect;
  }

  _upsert(key: string, points: number, msDuration: number, forceExpire = false): Promise<Counter> {
    const now = Date.now();
    const expire = msDuration > 0 ? now + msDuration : null;
    return this.runDirect(({ prepare }) =>
      toCounter(
        (forceExpire
          ? prepare(REPLACE).get(key, points, expire)
          : prepare(UPSERT).get(key, points, expire, now, now)) as StoredCounter,
      ),
    );
  }

  _get(key: string): Promise<Counter | null> {
    return this.runDirect(({ prepare }) => {
      const row = prepare(GET).get(key, Date.now()) as StoredCounter | undefined;
      return row ? toCounter(row) : null;
    });
  }

  _delete(key: string): Promise<boolean> {
    return this.runDirect(({ prepare }) => prepare(DELETE).run(key).changes > 0);
  }
}

function notDirect(): never {
  throw new Error("SqliteRateLimiter runs its statements through runDirect");
}
