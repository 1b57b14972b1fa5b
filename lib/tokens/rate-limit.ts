// Issuance limits per partner and per phone number (points per minute from the partner's columns). A hot path: in
// process memory where the database is embedded, in the shared database otherwise (lib/auth/rate-limit). Both points
// are taken at once, so a store that batches pays one round trip for the two.
import { consumeRateLimits } from "@/lib/auth/rate-limit";

/** One point per issuance on the partner's budget, then on the phone number's. Throws 429 with Retry-After. */
export async function consumeIssuanceLimits(options: {
  partnerId: string;
  phoneNumber: string;
  partnerPerMinute: number;
  phonePerMinute: number;
}): Promise<void> {
  const window = { durationSeconds: 60, hotPath: true };
  await consumeRateLimits([
    {
      ...window,
      name: "token-partner",
      key: options.partnerId,
      points: options.partnerPerMinute,
      message: (retryAfter) => `Too many tokens for this partner. Try again in ${retryAfter} s.`,
    },
    {
      ...window,
      name: "token-phone",
      key: `${options.partnerId}:${options.phoneNumber}`,
      points: options.phonePerMinute,
      message: (retryAfter) => `Too many tokens for this phone number. Try again in ${retryAfter} s.`,
    },
  ]);
}
