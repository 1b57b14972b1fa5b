// The polling loops' wait (lib/jobs/loop-wait): a freed slot ends only waits that asked for it; stop ends any wait
// and every later one.
import { describe, expect, it } from "vitest";
import { createLoopWait } from "@/lib/jobs/loop-wait";

const LONG = 60_000;

/** "ended" when the wait is over within `ms`, else "waiting". */
const within = (wait: Promise<void>, ms = 500) =>
  Promise.race([wait.then(() => "ended"), new Promise((resolve) => setTimeout(() => resolve("waiting"), ms).unref())]);

describe("createLoopWait", () => {
  it("ends by itself after the given time", async () => {
    expect(await within(createLoopWait().sleep(10))).toBe("ended");
  });

  it("a freed slot ends a wait that asked for it", async () => {
    const wait = createLoopWait();
    const sleeping = wait.sleep(LONG);
    wait.slotFreed();
    expect(await within(sleeping)).toBe("ended");
  });

  it("a freed slot does not end a wait with wakeOnSlot: false; stop does", async () => {
    const wait = createLoopWait();
    const sleeping = wait.sleep(LONG, { wakeOnSlot: false });
    wait.slotFreed();
    expect(await within(sleeping, 100)).toBe("waiting");
    wait.stop();
    expect(await within(sleeping)).toBe("ended");
  });

  it("after stop, later waits return at once", async () => {
    const wait = createLoopWait();
    wait.stop();
    expect(await within(wait.sleep(LONG, { wakeOnSlot: false }))).toBe("ended");
  });
});
