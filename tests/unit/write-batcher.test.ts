// Group commit (lib/db/write-batcher): what arrives together is written together, results go to their own callers,
// and a failed batch only fails the items at fault when the error allows retrying them alone.
import { describe, expect, it } from "vitest";
import { createWriteBatcher } from "@/lib/db/write-batcher";

class ItemError extends Error {}

function recordingBatcher(options: {
  maxBatch?: number;
  failOn?: (item: number) => boolean;
  retryAlone?: boolean;
  windowMs?: number;
}) {
  const batches: number[][] = [];
  const batcher = createWriteBatcher<number, string>({
    writeBatch: async (items) => {
      batches.push(items);
      const bad = items.find((item) => options.failOn?.(item));
      if (bad !== undefined) throw new ItemError(`item ${bad} refused`);
      return items.map((item) => `done ${item}`);
    },
    maxBatch: options.maxBatch ?? 100,
    windowMs: options.windowMs,
    retryAlone: (error) => (options.retryAlone ?? true) && error instanceof ItemError,
  });
  return { batcher, batches };
}

describe("createWriteBatcher", () => {
  it("writes items that arrive in the same turn as one batch and hands each caller its own result", async () => {
    const { batcher, batches } = recordingBatcher({});
    const results = await Promise.all([1, 2, 3].map((item) => batcher.write(item)));
    expect(batches).toEqual([[1, 2, 3]]);
    expect(results).toEqual(["done 1", "done 2", "done 3"]);
  });

  it("splits a burst larger than maxBatch into batches of at most maxBatch, in order", async () => {
    const { batcher, batches } = recordingBatcher({ maxBatch: 2 });
    const results = await Promise.all([1, 2, 3, 4, 5].map((item) => batcher.write(item)));
    expect(batches).toEqual([[1, 2], [3, 4], [5]]);
    expect(results).toEqual(["done 1", "done 2", "done 3", "done 4", "done 5"]);
  });

  it("a later turn gets a new batch", async () => {
    const { batcher, batches } = recordingBatcher({});
    await batcher.write(1);
    await batcher.write(2);
    expect(batches).toEqual([[1], [2]]);
  });

  it("with windowMs, items of later turns within the window join the same batch", async () => {
    const { batcher, batches } = recordingBatcher({ windowMs: 50 });
    const first = batcher.write(1);
    await new Promise((resolve) => setImmediate(resolve));
    const second = batcher.write(2);
    expect(await Promise.all([first, second])).toEqual(["done 1", "done 2"]);
    expect(batches).toEqual([[1, 2]]);
  });

  it("writes a full batch at once, without waiting for the window", async () => {
    const { batcher, batches } = recordingBatcher({ windowMs: 60_000, maxBatch: 2 });
    const results = await Promise.all([batcher.write(1), batcher.write(2)]);
    expect(results).toEqual(["done 1", "done 2"]);
    expect(batches).toEqual([[1, 2]]);
  });

  it("retries a failed batch one by one when the error allows it: only the item at fault fails", async () => {
    const { batcher, batches } = recordingBatcher({ failOn: (item) => item === 2 });
    const outcomes = await Promise.allSettled([1, 2, 3].map((item) => batcher.write(item)));
    expect(outcomes.map((outcome) => outcome.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect((outcomes[1] as PromiseRejectedResult).reason).toBeInstanceOf(ItemError);
    expect(batches).toEqual([[1, 2, 3], [1], [2], [3]]);
  });

  it("fails the whole batch, without retries, when the error does not allow them", async () => {
    const { batcher, batches } = recordingBatcher({ failOn: (item) => item === 2, retryAlone: false });
    const outcomes = await Promise.allSettled([1, 2, 3].map((item) => batcher.write(item)));
    expect(outcomes.map((outcome) => outcome.status)).toEqual(["rejected", "rejected", "rejected"]);
    expect(batches).toEqual([[1, 2, 3]]);
  });
});
