// Rate limiters backed by the database every instance shares, so limits hold across Portico instances on PostgreSQL
// as well as in the single SQLite process; the store is the provider's (lib/db hot paths, table "RateLimitCounter").
// Hot paths may ask for `hotPath`: where the database is embedded (one process) the provider keeps those counters in
// memory, which is exact there and costs no database write; where instances share it, they stay in the database.
import type { RateLimiterAbstract } from "rate-limiter-flexible";
import { RateLimiterRes } from "rate-limiter-flexible";
import { getHotPaths } from "@/lib/db/client";
import { AppError } from "@/lib/errors";

const limiters = new Map<string, RateLimiterAbstract>();

function getLimiter(name: string, points: number, durationSeconds: number, hotPath: boolean): RateLimiterAbstract {
  const id = `${name}:${points}:${durationSeconds}:${hotPath ? "hot" : "shared"}`;
  let limiter = limiters.get(id);
  if (!limiter) {
    limiter = getHotPaths().createRateLimiter({ keyPrefix: name, points, durationSeconds, hotPath });
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
  hotPath?: boolean;
}): Promise<void> {
  const limiter = getLimiter(options.name, options.points, options.durationSeconds, Boolean(options.hotPath));
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
