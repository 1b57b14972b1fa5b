// Runs the retention pass in the background: once shortly after start, then every interval. On in every server and
// `npm run worker` unless PORTICO_DISABLE_RETENTION=1.
import { getLogger } from "@/lib/ops/logger";
import { pruneExpiredRows } from "./prune";
import { type RetentionSettings, readRetentionSettings } from "./settings";

const FIRST_RUN_DELAY_MS = 30_000; // after start-up work, not during it

export interface RetentionJobHandle {
  stop: () => Promise<void>;
}

export function startRetentionJob(options: { settings?: RetentionSettings; firstRunDelayMs?: number } = {}) {
  const settings = options.settings ?? readRetentionSettings();
  const log = getLogger().child({ loop: "retention" });
  let running = true;
  let current: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;

  const run = async () => {
    try {
      const deleted = await pruneExpiredRows({ settings, shouldStop: () => !running });
      if (Object.values(deleted).some((count) => count > 0)) log.info({ deleted }, "pruned rows past their retention");
    } catch (error) {
      log.error({ err: error }, "retention pass failed; retried at the next interval");
    }
  };
  const schedule = (delayMs: number) => {
    timer = setTimeout(() => {
      current = run().finally(() => {
        if (running) schedule(settings.intervalMs);
      });
    }, delayMs);
    timer.unref();
  };
  schedule(options.firstRunDelayMs ?? Math.min(FIRST_RUN_DELAY_MS, settings.intervalMs));
  return {
    async stop() {
      running = false;
      clearTimeout(timer);
      await current;
    },
  };
}

const globalForRetention = globalThis as unknown as { porticoRetention?: RetentionJobHandle };

/** The in-server job is a process-wide singleton, as the other loops. */
export function startServerRetentionJob(): RetentionJobHandle | undefined {
  const disabled = process.env.PORTICO_DISABLE_RETENTION;
  if (disabled === "1" || disabled === "true") return undefined;
  globalForRetention.porticoRetention ??= startRetentionJob();
  return globalForRetention.porticoRetention;
}
