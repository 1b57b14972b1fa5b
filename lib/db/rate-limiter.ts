// rate-limiter-flexible's limiters behind lib/db's own RateLimiter interface (see there why).
import { type RateLimiterAbstract, RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import { runInStartupContext } from "@/lib/ops/startup-context";
import type { RateLimiter } from "./hot-paths";

/**
 * Counters in this process's memory. The library expires each key with its own timer, made by the call that creates
 * the key: every call runs in the start-up context, so no timer keeps a request alive (lib/ops/startup-context).
 */
export function createMemoryRateLimiter(options: { keyPrefix: string; points: number; duration: number }): RateLimiter {
  const limiter = toRateLimiter(new RateLimiterMemory(options));
  return {
    consume: (key) => runInStartupContext(() => limiter.consume(key)),
    take: (key) => runInStartupContext(() => limiter.take(key)),
    reward: (key, points) => runInStartupContext(() => limiter.reward(key, points)),
    reset: (key) => runInStartupContext(() => limiter.reset(key)),
    get: (key) => runInStartupContext(() => limiter.get(key)),
  };
}

/** `consume` answered through `take`: the same point taken, without the count the caller did not ask for. */
export function consumeThroughTake(take: RateLimiter["take"]): RateLimiter["consume"] {
  return async (key) => {
    const taken = await take(key);
    return taken.allowed ? { allowed: true } : { allowed: false, msBeforeNext: taken.msBeforeNext };
  };
}

export function toRateLimiter(limiter: RateLimiterAbstract): RateLimiter {
  const take: RateLimiter["take"] = async (key) => {
    try {
      const result = await limiter.consume(key);
      return { allowed: true, consumedPoints: result.consumedPoints, msBeforeNext: result.msBeforeNext };
    } catch (error) {
      // The library rejects with its result object when the budget is spent, with an Error when the store failed.
      if (!(error instanceof RateLimiterRes)) throw error;
      return { allowed: false, consumedPoints: error.consumedPoints, msBeforeNext: error.msBeforeNext };
    }
  };
  return {
    consume: consumeThroughTake(take),
    take,
    async reset(key) {
      await limiter.delete(key);
    },
    async reward(key, points) {
      await limiter.reward(key, points);
    },
    async get(key) {
      const result = await limiter.get(key);
      return result ? { consumedPoints: result.consumedPoints, msBeforeNext: result.msBeforeNext } : null;
    },
  };
}
