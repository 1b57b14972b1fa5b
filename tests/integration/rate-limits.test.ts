// Several windows charged at once (as issuance charges the partner's and the phone number's) end as if charged in
// order up to the first that refuses. In-process against the shared database's store, which the server uses too.
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { consumeRateLimits, peekAttempts, type RateLimitCharge } from "@/lib/auth/rate-limit";
import { AppError } from "@/lib/errors";

const window = (name: string, points: number): RateLimitCharge => ({
  name: `test-${name}`,
  key: randomBytes(6).toString("hex"),
  points,
  durationSeconds: 60,
  message: (retryAfter) => `${name} is spent; wait ${retryAfter} s`,
});
const taken = (charge: RateLimitCharge) => peekAttempts(charge).then(({ consumed }) => consumed);

describe("rate limits charged together", () => {
  it("windows after the one that refuses get their point back, windows before it keep theirs", async () => {
    const before = window("before", 5);
    const spent = window("spent", 1);
    const after = window("after", 5);
    await consumeRateLimits([before, spent, after]);
    expect([await taken(before), await taken(spent), await taken(after)]).toEqual([1, 1, 1]);

    const refusal = await consumeRateLimits([before, spent, after]).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(AppError);
    expect((refusal as AppError).status).toBe(429);
    expect((refusal as AppError).message).toMatch(/^spent is spent; wait \d+ s$/);
    expect(Number((refusal as AppError).headers["Retry-After"])).toBeGreaterThanOrEqual(1);
    expect([await taken(before), await taken(after)]).toEqual([2, 1]);
  });

  it("the first window's refusal is the one reported when several refuse", async () => {
    const first = window("first", 1);
    const second = window("second", 1);
    await consumeRateLimits([first, second]);
    const refusal = (await consumeRateLimits([first, second]).catch((error: unknown) => error)) as AppError;
    expect(refusal.message).toMatch(/^first is spent/);
  });
});
