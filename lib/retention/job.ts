// Housekeeping in the background: the usage rollup (lib/usage) every PORTICO_USAGE_ROLLUP_SECONDS, and the retention
// pass every PORTICO_RETENTION_INTERVAL_SECONDS (first 30 s after start, after start-up work). On in every server and
// `npm run worker` unless PORTICO_DISABLE_RETENTION=1. Both are idempotent, so processes running them at once are safe.
import { getConfig, type RetentionSettings } from "@/lib/config";
import { getLogger } from "@/lib/ops/logger";
import { rollUpUsage } from "@/lib/usage/rollup";
import { pruneExpiredRows } from "./prune";

const FIRST_PRUNE_DELAY_MS = 30_000;
const FIRST_ROLLUP_DELAY_MS = 2_000;

export interface RetentionJobHandle {
  stop: () => Promise<void>;
}

export function startRetentionJob(options: { settings?: RetentionSettings; firstRunDelayMs?: number } = {}) {
  const settings = options.settings ?? getConfig().retention;
  const log = getLogger().child({ loop: "retention" });
  let running = true;
  let current: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  const shouldStop = () => !running;
  const now = Date.now();
  let nextPruneAt = now + (options.firstRunDelayMs ?? Math.min(FIRST_PRUNE_DELAY_MS, settings.intervalMs));
  let nextRollupAt = now + Math.min(FIRST_ROLLUP_DELAY_MS, settings.rollupIntervalMs);

  const run = async () => {
    if (Date.now() >= nextRollupAt) {
      try {
        const written = await rollUpUsage({ shouldStop });
        if (Object.values(written).some((count) => count > 0)) log.debug({ written }, "rolled usage counts up");
      } catch (error) {
        log.error({ err: error }, "usage rollup failed; retried at the next interval");
      }
      nextRollupAt = Date.now() + settings.rollupIntervalMs;
    }
    if (running && Date.now() >= nextPruneAt) {
      try {
        const deleted = await pruneExpiredRows({ settings, shouldStop });
        if (Object.values(deleted).some((count) => count > 0))
          log.info({ deleted }, "pruned rows past their retention");
      } catch (error) {
        log.error({ err: error }, "retention pass failed; retried at the next interval");
      }
      nextPruneAt = Date.now() + settings.intervalMs;
    }
  };
  const schedule = () => {
    timer = setTimeout(
      () => {
        current = run().finally(() => {
          if (running) schedule();
        });
      },
      Math.max(0, Math.min(nextRollupAt, nextPruneAt) - Date.now()),
    );
    timer.unref();
  };
  schedule();
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
  if (!getConfig().retention.enabled) return undefined;
  globalForRetention.porticoRetention ??= startRetentionJob();
  return globalForRetention.porticoRetention;
}
