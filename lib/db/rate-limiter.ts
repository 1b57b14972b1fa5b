// rate-limiter-flexible's limiters behind lib/db's own RateLimiter interface (see there why).
import { type RateLimiterAbstract, RateLimiterRes } from "rate-limiter-flexible";
import type { RateLimiter } from "./hot-paths";

export function toRateLimiter(limiter: RateLimiterAbstract): RateLimiter {
  return {
    async consume(key) {
      try {
        await limiter.consume(key);
        return { allowed: true };
      } catch (error) {
        // The library rejects with its result object when the budget is spent, with an Error when the store failed.
        if (!(error instanceof RateLimiterRes)) throw error;
        return { allowed: false, msBeforeNext: error.msBeforeNext };
      }
    },
    async reset(key) {
      await limiter.delete(key);
    },
  };
}
