// Bookkeeping writes that must never fail or slow a request (e.g. "last used at"): the latest value per key is kept
// in memory and written in one batch every `flushMs`. A failed batch is logged and dropped — the next use records
// the value again — so a read-only or full database costs a log line, not an error answer.

export interface BestEffortWriter<V> {
  /** Keeps `value` as the one to write for `key` (a later record for the same key replaces it). */
  record: (key: string, value: V) => void;
  /** Writes what is pending now (tests, shutdown). Never throws. */
  flush: () => Promise<void>;
}

const MAX_PENDING = 10_000;

export function createBestEffortWriter<V>(options: {
  name: string;
  flushMs: number;
  write: (pending: Map<string, V>) => Promise<void>;
}): BestEffortWriter<V> {
  let pending = new Map<string, V>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let lastErrorLoggedAt = 0;

  const flush = async () => {
    timer = undefined;
    if (!pending.size) return;
    const batch = pending;
    pending = new Map();
    try {
      await options.write(batch);
    } catch (error) {
      // At most one line a minute: a read-only database would otherwise log on every flush.
      if (Date.now() - lastErrorLoggedAt > 60_000) {
        lastErrorLoggedAt = Date.now();
        console.error(`portico: ${options.name} not written (best-effort): ${(error as Error).message}`);
      }
    }
  };

  return {
    record(key, value) {
      if (pending.size >= MAX_PENDING && !pending.has(key)) return;
      pending.set(key, value);
      if (!timer) {
        timer = setTimeout(() => void flush(), options.flushMs);
        timer.unref?.();
      }
    },
    flush,
  };
}
