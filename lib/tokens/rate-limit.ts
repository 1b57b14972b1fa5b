// Issuance limits per partner and per phone number (points per minute from the partner's columns). A hot path: in
// process memory where the database is embedded (one process), in the shared database otherwise (consumeRateLimit).
import { consumeRateLimit } from "@/lib/auth/rate-limit";

/** One point per issuance on the partner's budget, then on the phone number's. Throws 429 with Retry-After. */
export async function consumeIssuanceLimits(options: {
  partnerId: string;
  phoneNumber: string;
  partnerPerMinute: number;
  phonePerMinute: number;
}): Promise<void> {
  const limits = [
    { name: "token-partner", key: options.partnerId, points: options.partnerPerMinute, what: "for this partner" },
    {
      name: "token-phone",
      key: `${options.partnerId}:${options.phoneNumber}`,
      points: options.phonePerMinute,
      what: "for this phone number",
    },
  ];
  for (const limit of limits) {
    await consumeRateLimit({
      name: limit.name,
      keys: [limit.key],
      points: limit.points,
      durationSeconds: 60,
      hotPath: true,
      message: (retryAfter) => `Too many tokens ${limit.what}. Try again in ${retryAfter} s.`,
    });
  }
}
