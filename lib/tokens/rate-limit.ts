// Issuance limits per partner and per phone number (points per minute from the partner's columns).
// SQLite (embedded, one process): rate-limiter-flexible's memory store — exact there, and no database write.
// PostgreSQL (multi-instance): the shared Prisma store of lib/auth/rate-limit.ts, so every instance counts together.
import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import { AppError } from "@/lib/api/errors";
import { consumeRateLimit } from "@/lib/auth/rate-limit";
import { getConfig } from "@/lib/config";

const memoryLimiters = new Map<string, RateLimiterMemory>();

function memoryLimiter(name: string, points: number): RateLimiterMemory {
  const id = `${name}:${points}`;
  let limiter = memoryLimiters.get(id);
  if (!limiter) {
    limiter = new RateLimiterMemory({ keyPrefix: name, points, duration: 60 });
    memoryLimiters.set(id, limiter);
  }
  return limiter;
}

function tooMany(msBeforeNext: number, what: string): AppError {
  const retryAfter = Math.max(1, Math.ceil(msBeforeNext / 1000));
  return new AppError("rate_limited", `Too many tokens ${what}. Try again in ${retryAfter} s.`, {
    headers: { "Retry-After": String(retryAfter) },
  });
}

async function consume(name: string, key: string, points: number, what: string): Promise<void> {
  if (getConfig().databaseProvider === "postgresql") {
    await consumeRateLimit({
      name,
      keys: [key],
      points,
      durationSeconds: 60,
      message: `Too many tokens ${what}. Try again later.`,
    });
    return;
  }
  try {
    await memoryLimiter(name, points).consume(key);
  } catch (error) {
    if (error instanceof RateLimiterRes) throw tooMany(error.msBeforeNext, what);
    throw error;
  }
}

/** One point per issuance on the partner's budget, then on the phone number's. Throws 429 with Retry-After. */
export async function consumeIssuanceLimits(options: {
  partnerId: string;
  phoneNumber: string;
  partnerPerMinute: number;
  phonePerMinute: number;
}): Promise<void> {
  await consume("token-partner", options.partnerId, options.partnerPerMinute, "for this partner");
  await consume(
    "token-phone",
    `${options.partnerId}:${options.phoneNumber}`,
    options.phonePerMinute,
    "for this phone number",
  );
}
