// Rate limiters backed by the database every instance shares, so limits hold across Portico instances on PostgreSQL
// as well as in the single SQLite process; the store is the provider's (lib/db hot paths, table "RateLimitCounter").
// Hot paths may ask for `hotPath`: where the database is embedded (one process) the provider keeps those counters in
// memory, which is exact there and costs no database write; where instances share it, they stay in the database.
import { getHotPaths } from "@/lib/db/client";
import type { RateLimiter } from "@/lib/db/hot-paths";
import { AppError } from "@/lib/errors";

// On globalThis, not in module scope: Next bundles this module into several chunks, and a memory-kept budget must be
// one per process, not one per chunk.
const globalForLimiters = globalThis as unknown as { porticoRateLimiters?: Map<string, RateLimiter> };
globalForLimiters.porticoRateLimiters ??= new Map<string, RateLimiter>();
const limiters = globalForLimiters.porticoRateLimiters;

function getLimiter(name: string, points: number, durationSeconds: number, hotPath: boolean): RateLimiter {
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
    const outcome = await limiter.consume(key);
    if (outcome.allowed) continue;
    const retryAfter = Math.max(1, Math.ceil(outcome.msBeforeNext / 1000));
    const message = options.message?.(retryAfter) ?? `Too many requests. Try again in ${retryAfter} s.`;
    throw new AppError("rate_limited", message, { headers: { "Retry-After": String(retryAfter) } });
  }
}

export async function resetRateLimit(options: { name: string; key: string; points: number; durationSeconds: number }) {
  await getLimiter(options.name, options.points, options.durationSeconds, false).reset(options.key);
}
