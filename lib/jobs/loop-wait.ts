// The wait between polls of a claim-and-run loop (checks scheduler, webhooks worker): a finished task can end it
// early when it frees a slot, and stopping ends it at once — and every wait after it, so a loop that was busy when
// stop() came does not start one more full poll wait on its way out.

export interface LoopWait {
  /** Waits up to `ms`. `wakeOnSlot: false`: only stop() ends it early (nothing is waiting for a slot). */
  sleep: (ms: number, options?: { wakeOnSlot?: boolean }) => Promise<void>;
  /** A slot is free: ends the current wait if it asked to be woken for that. */
  slotFreed: () => void;
  /** Ends the current wait and makes later ones return at once. */
  stop: () => void;
}

export function createLoopWait(): LoopWait {
  let stopped = false;
  let current: { end: () => void; wakeOnSlot: boolean } | undefined;
  return {
    sleep: (ms, options = {}) =>
      new Promise<void>((resolve) => {
        if (stopped) return resolve();
        const end = () => {
          clearTimeout(timer);
          if (current?.end === end) current = undefined;
          resolve();
        };
        const timer = setTimeout(end, Math.max(0, ms));
        current = { end, wakeOnSlot: options.wakeOnSlot ?? true };
      }),
    slotFreed: () => {
      if (current?.wakeOnSlot) current.end();
    },
    stop: () => {
      stopped = true;
      current?.end();
    },
  };
}
