// Rate limiters backed by the database every instance shares, so limits hold across Portico instances on PostgreSQL
// as well as in the single SQLite process: rate-limiter-flexible's Postgres store on PostgreSQL (one upsert per
// point, table "RateLimitCounter", expired rows cleared every 5 minutes), its Prisma store on SQLite.
// Hot paths may ask for `memoryOnSqlite`: embedded SQLite means one process, where a memory store is exact and
// costs no database write; on PostgreSQL (multi-instance) they still share the database store.
import {
  type RateLimiterAbstract,
  RateLimiterMemory,
  RateLimiterPostgres,
  RateLimiterPrisma,
  RateLimiterRes,
} from "rate-limiter-flexible";
import { getDb, getPostgresPool } from "@/lib/db/client";
import { isPostgres } from "@/lib/db/raw-sql";
import { AppError } from "@/lib/errors";

const limiters = new Map<string, RateLimiterAbstract>();

function getLimiter(name: string, points: number, durationSeconds: number, memory: boolean): RateLimiterAbstract {
  const id = `${name}:${points}:${durationSeconds}:${memory ? "memory" : "db"}`;
  let limiter = limiters.get(id);
  if (!limiter) {
    const window = { keyPrefix: name, points, duration: durationSeconds };
    if (memory) limiter = new RateLimiterMemory(window);
    else if (isPostgres()) {
      limiter = new RateLimiterPostgres({
        ...window,
        storeClient: getPostgresPool(),
        storeType: "pool",
        tableName: "RateLimitCounter",
        tableCreated: true, // by the migration
        clearExpiredByTimeout: true,
      });
    } else {
      limiter = new RateLimiterPrisma({
        ...window,
        storeClient: getDb(),
        tableName: "rateLimiterFlexible",
        clearExpiredByTimeout: false,
      });
    }
    limiters.set(id, limiter);
  }
  return limiter;
}

/**
 * Consumes one point for each key; throws a 429 AppError with Retry-After when any limit is exhausted.
 * `message` gets the seconds to wait.
 */
export async function consumeRateLimit(options: {
  name: string;
  keys: string[];
  points: number;
  durationSeconds: number;
  message?: (retryAfterSeconds: number) => string;
  memoryOnSqlite?: boolean;
}): Promise<void> {
  const memory = Boolean(options.memoryOnSqlite) && !isPostgres();
  const limiter = getLimiter(options.name, options.points, options.durationSeconds, memory);
  for (const key of options.keys) {
    try {
      await limiter.consume(key);
    } catch (error) {
      if (!(error instanceof RateLimiterRes)) throw error;
      const retryAfter = Math.max(1, Math.ceil(error.msBeforeNext / 1000));
      const message = options.message?.(retryAfter) ?? `Too many requests. Try again in ${retryAfter} s.`;
      throw new AppError("rate_limited", message, { headers: { "Retry-After": String(retryAfter) } });
    }
  }
}

export async function resetRateLimit(options: { name: string; key: string; points: number; durationSeconds: number }) {
  await getLimiter(options.name, options.points, options.durationSeconds, false).delete(options.key);
}
