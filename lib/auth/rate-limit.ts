// Rate limiters backed by the database every instance shares (rate-limiter-flexible's Prisma store),
// so limits hold across Portico instances on PostgreSQL as well as in the single SQLite process.
import { RateLimiterPrisma, RateLimiterRes } from "rate-limiter-flexible";
import { AppError } from "@/lib/api/errors";
import { getDb } from "@/lib/db/client";

const limiters = new Map<string, RateLimiterPrisma>();

function getLimiter(name: string, points: number, durationSeconds: number): RateLimiterPrisma {
  const id = `${name}:${points}:${durationSeconds}`;
  let limiter = limiters.get(id);
  if (!limiter) {
    limiter = new RateLimiterPrisma({
      storeClient: getDb(),
      tableName: "rateLimiterFlexible",
      keyPrefix: name,
      points,
      duration: durationSeconds,
      clearExpiredByTimeout: false,
    });
    limiters.set(id, limiter);
  }
  return limiter;
}

/** Consumes one point for each key; throws a 429 AppError with Retry-After when any limit is exhausted. */
export async function consumeRateLimit(options: {
  name: string;
  keys: string[];
  points: number;
  durationSeconds: number;
  message?: string;
}): Promise<void> {
  const limiter = getLimiter(options.name, options.points, options.durationSeconds);
  for (const key of options.keys) {
    try {
      await limiter.consume(key);
    } catch (error) {
      if (!(error instanceof RateLimiterRes)) throw error;
      const retryAfter = Math.max(1, Math.ceil(error.msBeforeNext / 1000));
      throw new AppError("rate_limited", options.message ?? `Too many requests. Try again in ${retryAfter} s.`, {
        headers: { "Retry-After": String(retryAfter) },
      });
    }
  }
}

export async function resetRateLimit(options: { name: string; key: string; points: number; durationSeconds: number }) {
  await getLimiter(options.name, options.points, options.durationSeconds).delete(options.key);
}
