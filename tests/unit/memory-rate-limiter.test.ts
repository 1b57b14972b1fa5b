// A memory-kept rate-limit window expires each key with a timer made when the key is first charged. A timer keeps the
// async context it was made in alive until it fires, so it must not be made in the charging request's context.
import { AsyncLocalStorage, createHook } from "node:async_hooks";
import { RateLimiterMemory } from "rate-limiter-flexible";
import { describe, expect, it } from "vitest";
import type { RateLimiter } from "@/lib/db/hot-paths";
import { createMemoryRateLimiter, toRateLimiter } from "@/lib/db/rate-limiter";
import { captureStartupContext } from "@/lib/ops/startup-context";

const request = new AsyncLocalStorage<{ id: string }>();

/** The request ids in whose context timers were made while `work` ran inside request `id`. */
async function timerContexts(id: string, work: () => Promise<unknown>) {
  const seen: (string | undefined)[] = [];
  const hook = createHook({
    init(_asyncId, type) {
      if (type === "Timeout") seen.push(request.getStore()?.id);
    },
  }).enable();
  try {
    await request.run({ id }, work);
  } finally {
    hook.disable();
  }
  return seen;
}

describe("memory rate limits", () => {
  captureStartupContext();
  const window = { keyPrefix: "context-test", points: 5, duration: 60 };

  it("make a new key's expiry timer outside the request that charged it", async () => {
    const limiter: RateLimiter = createMemoryRateLimiter(window);
    const seen = await timerContexts("request-1", () => limiter.consume("new-key"));
    expect(seen.length).toBeGreaterThan(0);
    expect(seen).not.toContain("request-1");
    expect(await limiter.take("new-key")).toMatchObject({ allowed: true, consumedPoints: 2 });
  });

  it("(the library called directly would make it inside the request: what this test guards against)", async () => {
    const limiter = toRateLimiter(new RateLimiterMemory({ ...window, keyPrefix: "context-test-raw" }));
    expect(await timerContexts("request-2", () => limiter.consume("new-key"))).toContain("request-2");
  });
});
