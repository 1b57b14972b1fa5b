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

/** One point to take from one limit's window for `key`. `message` gets the seconds to wait. */
export interface RateLimitCharge {
  name: string;
  key: string;
  points: number;
  durationSeconds: number;
  message?: (retryAfterSeconds: number) => string;
  hotPath?: boolean;
}

/**
 * Takes one point from each window at once (a store that batches sends them in one round trip) and ends as if they
 * were taken in order, stopping at the first that refuses: the windows after it get their point back. Throws that
 * window's 429 AppError with Retry-After.
 */
export async function consumeRateLimits(charges: RateLimitCharge[]): Promise<void> {
  const taken = await Promise.all(
    charges.map(async (charge) => {
      const limiter = getLimiter(charge.name, charge.points, charge.durationSeconds, Boolean(charge.hotPath));
      return { charge, limiter, outcome: await limiter.consume(charge.key) };
    }),
  );
  const refused = taken.findIndex(({ outcome }) => !outcome.allowed);
  const first = taken[refused];
  if (!first || first.outcome.allowed) return;
  await Promise.all(
    taken.slice(refused + 1).map(({ charge, limiter, outcome }) => outcome.allowed && limiter.reward(charge.key, 1)),
  );
  const retryAfter = Math.max(1, Math.ceil(first.outcome.msBeforeNext / 1000));
  const message = first.charge.message?.(retryAfter) ?? `Too many requests. Try again in ${retryAfter} s.`;
  throw new AppError("rate_limited", message, { headers: { "Retry-After": String(retryAfter) } });
}

/** One point for each key from one window; see consumeRateLimits. */
export async function consumeRateLimit(options: Omit<RateLimitCharge, "key"> & { keys: string[] }): Promise<void> {
  const { keys, ...window } = options;
  await consumeRateLimits(keys.map((key) => ({ ...window, key })));
}

export async function resetRateLimit(options: { name: string; key: string; points: number; durationSeconds: number }) {
  await getLimiter(options.name, options.points, options.durationSeconds, false).reset(options.key);
}

interface AttemptWindow {
  name: string;
  key: string;
  points: number;
  durationSeconds: number;
}

/**
 * Takes one point from a database-backed window without throwing: `allowed` is false once the window is exhausted.
 * `consumed` counts this attempt too; `retryAfterSeconds` is when a point frees up.
 */
export async function takeAttempt(window: AttemptWindow) {
  const result = await getLimiter(window.name, window.points, window.durationSeconds, false).take(window.key);
  if (result.allowed) return { allowed: true, consumed: result.consumedPoints, retryAfterSeconds: 0 };
  const retryAfterSeconds = Math.max(1, Math.ceil(result.msBeforeNext / 1000));
  return { allowed: false, consumed: result.consumedPoints, retryAfterSeconds };
}

/** Gives back the point an attempt took (an attempt that turned out not to count). */
export async function giveBackAttempt(window: AttemptWindow): Promise<void> {
  await getLimiter(window.name, window.points, window.durationSeconds, false).reward(window.key, 1);
}

/** Points taken in the current window, and seconds until it resets; nothing is consumed. */
export async function peekAttempts(window: AttemptWindow) {
  const result = await getLimiter(window.name, window.points, window.durationSeconds, false).get(window.key);
  return {
    consumed: result?.consumedPoints ?? 0,
    retryAfterSeconds: Math.max(1, Math.ceil((result?.msBeforeNext ?? 0) / 1000)),
  };
}
