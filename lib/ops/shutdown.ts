// Graceful shutdown of a Portico process. On SIGTERM/SIGINT the server stops accepting connections and finishes the
// requests in flight (Next's own handler), while the background loops stop claiming, finish the checks and deliveries
// they hold and give back unstarted leases; the process exits only when both are done (or after a deadline).
// A process whose parent died (a killed `npm start`) shuts down the same way instead of living on as an orphan.
import { getConfig } from "@/lib/config";

const SIGNALS = ["SIGTERM", "SIGINT"] as const;
const SIGNAL_NUMBERS: Record<(typeof SIGNALS)[number], number> = { SIGINT: 2, SIGTERM: 15 };
const PARENT_POLL_MS = 1000;

export interface GracefulShutdownOptions {
  /** Stops the background work; resolves when its leases are finished or given back. */
  drain: () => Promise<void>;
  /** Longest wait for draining before the process exits anyway. */
  timeoutMs?: number;
  log?: (message: string) => void;
}

const globalForShutdown = globalThis as unknown as { porticoShutdownInstalled?: boolean };

/**
 * Installs the handlers once per process. Handlers registered earlier (Next's server: close, then `process.exit`)
 * still run, but their `process.exit` is held until draining is done, so no lease is cut off mid-write.
 */
export function installGracefulShutdown(options: GracefulShutdownOptions): void {
  if (globalForShutdown.porticoShutdownInstalled) return;
  globalForShutdown.porticoShutdownInstalled = true;
  const log = options.log ?? ((message: string) => console.log(`portico: ${message}`));
  const timeoutMs = options.timeoutMs ?? getConfig().shutdownTimeoutMs;
  let started = false;

  const shutdown = (signal: (typeof SIGNALS)[number], frameworkHandlers: NodeJS.SignalsListener[]) => {
    if (started) return;
    started = true;
    log(`${signal}: finishing the requests, checks and deliveries in flight, then exiting`);
    const exit = process.exit.bind(process);
    const forced = setTimeout(() => {
      log(`still draining after ${timeoutMs} ms; exiting anyway (unfinished leases lapse and are redone elsewhere)`);
      exit(128 + SIGNAL_NUMBERS[signal]);
    }, timeoutMs);
    forced.unref();
    const drained = options.drain().catch((error: Error) => log(`draining failed: ${error.message}`));
    if (frameworkHandlers.length === 0) {
      void drained.then(() => exit(128 + SIGNAL_NUMBERS[signal]));
      return;
    }
    process.exit = ((code?: number) => {
      void drained.then(() => exit(code));
    }) as typeof process.exit;
    for (const handler of frameworkHandlers) handler(signal);
  };

  for (const signal of SIGNALS) {
    const frameworkHandlers = process.listeners(signal) as NodeJS.SignalsListener[];
    process.removeAllListeners(signal);
    process.on(signal, () => shutdown(signal, frameworkHandlers));
  }

  watchParent(() => {
    log("the parent process is gone");
    process.kill(process.pid, "SIGTERM");
  });
}

/** Calls `onGone` once when this process's parent dies: a process's parent id changes only then. */
export function watchParent(onGone: () => void): void {
  const parent = process.ppid;
  const watch = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(watch);
    onGone();
  }, PARENT_POLL_MS);
  watch.unref();
}
