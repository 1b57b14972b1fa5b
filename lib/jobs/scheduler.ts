// The check scheduler. All scheduling state is in the Service rows (nextCheckAt, lease), so any number of processes
// can run this loop against one database: each claims due rows with a lease, checks them with bounded concurrency,
// and records each result in the transaction that also releases the lease and sets the next due time.
// Database work is per batch, not per check: claims take up to one concurrency's worth of due rows into a local
// backlog (refilled when half of it has started), and finished checks are written together.
import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import { getConfig } from "@/lib/config";
import { decryptSecret } from "@/lib/crypto/encryption";
import { createWriteBatcher } from "@/lib/db/write-batcher";
import { getMetrics } from "@/lib/ops/metrics";
import { type CheckToRecord, recordChecks } from "@/lib/services/check-recorder";
import { probeService } from "@/lib/services/checks";
import { type ClaimedService, claimDueServices, releaseLeases } from "./leases";
import { createLoopWait } from "./loop-wait";

export interface SchedulerOptions {
  owner?: string;
  concurrency?: number;
  leaseSeconds?: number;
  idleMs?: number;
  log?: (message: string) => void;
  /** Observability hook (benchmark): called as each check starts. */
  onCheckStarted?: (service: ClaimedService, startedAt: Date) => void;
}

export interface SchedulerHandle {
  owner: string;
  stop: () => Promise<void>;
  stats: () => { inFlight: number; started: number; recorded: number; failed: number };
}

const MAX_BATCH = 200;

/** Next due time on a fixed cadence from the due time; a backlog longer than one interval is skipped, not replayed. */
export function computeNextCheckAt(dueAt: Date, intervalSeconds: number, now: Date): Date {
  const interval = Math.max(1, intervalSeconds) * 1000;
  const next = dueAt.getTime() + interval;
  return new Date(next > now.getTime() ? next : now.getTime() + interval);
}

export function startScheduler(options: SchedulerOptions = {}): SchedulerHandle {
  const settings = getConfig().scheduler;
  const owner = options.owner ?? `${hostname()}:${process.pid}:${randomBytes(4).toString("hex")}`;
  const concurrency = options.concurrency ?? settings.concurrency;
  const leaseSeconds = options.leaseSeconds ?? settings.leaseSeconds;
  const idleMs = options.idleMs ?? settings.idleMs;
  const log = options.log ?? ((message: string) => console.log(`portico scheduler: ${message}`));

  const inFlight = new Set<Promise<void>>();
  // Leased, not started yet: at most `concurrency` rows, so they start within seconds, well inside their lease.
  const backlog: ClaimedService[] = [];
  const counters = { started: 0, recorded: 0, failed: 0 };
  let running = true;
  const wait = createLoopWait();

  // Finished checks are written together (lib/db/write-batcher): one transaction per batch, not per check. Resolves
  // true when recorded, false when the lease was lost, null when writing failed.
  const results = createWriteBatcher<CheckToRecord, boolean | null>({
    writeBatch: async (items) => {
      try {
        return (await recordChecks(items)).map((stored) => stored !== null);
      } catch (error) {
        // The leases stay and lapse, so these checks are redone by whichever process claims them next.
        counters.failed += items.length;
        log(`recording ${items.length} checks failed: ${(error as Error).message}`);
        return items.map(() => null);
      }
    },
    maxBatch: MAX_BATCH,
    retryAlone: () => false,
  });

  async function check(service: ClaimedService): Promise<void> {
    const startedAt = new Date();
    counters.started++;
    options.onCheckStarted?.(service, startedAt);
    try {
      const result = await probeService({
        url: service.url,
        serviceId: service.serviceId,
        secret: decryptSecret(service.secretCiphertext),
      });
      const metrics = getMetrics();
      metrics.checks.inc({ outcome: result.outcome });
      metrics.checkLag.observe(Math.max(0, startedAt.getTime() - service.dueAt.getTime()) / 1000);
      const nextCheckAt = computeNextCheckAt(service.dueAt, service.checkIntervalSeconds, new Date());
      const recorded = await results.write({ id: service.id, result, lease: { owner, nextCheckAt } });
      if (recorded) counters.recorded++;
      else if (recorded === false)
        log(`lease on ${service.id} was lost before the result was recorded; another process redoes it`);
    } catch (error) {
      // The lease stays and lapses, so the check is retried by whichever process claims it next.
      counters.failed++;
      log(`check of ${service.id} failed: ${(error as Error).message}`);
    }
  }

  function launch(service: ClaimedService) {
    const task = check(service).finally(() => {
      inFlight.delete(task);
      wait.slotFreed();
    });
    inFlight.add(task);
  }

  async function claim(limit: number): Promise<ClaimedService[]> {
    try {
      return await claimDueServices({ owner, limit, leaseSeconds });
    } catch (error) {
      log(`claiming due checks failed: ${(error as Error).message}`);
      return [];
    }
  }

  async function loop() {
    // Refilling only once half the backlog has started keeps claims to one statement per many checks.
    const refillAt = Math.max(1, Math.floor(concurrency / 2));
    let drained = false; // the last claim took everything that was due
    let lastClaim = 0;
    while (running) {
      const room = concurrency - backlog.length;
      // Once drained, new rows only fall due with time: poll every idleMs, not at every finished check.
      if (room >= refillAt && (!drained || Date.now() - lastClaim >= idleMs)) {
        lastClaim = Date.now();
        const claimed = await claim(room);
        drained = claimed.length < room;
        backlog.push(...claimed);
        if (!running) break;
      }
      while (backlog.length && inFlight.size < concurrency) launch(backlog.shift() as ClaimedService);
      const saturated = inFlight.size >= concurrency;
      if (saturated && (backlog.length || !drained))
        await wait.sleep(idleMs); // work is waiting for a slot: woken when a check finishes
      else if (drained) await wait.sleep(lastClaim + idleMs - Date.now(), { wakeOnSlot: false });
    }
  }

  const done = loop();
  return {
    owner,
    stats: () => ({ inFlight: inFlight.size, ...counters }),
    async stop() {
      running = false;
      wait.stop();
      await done;
      // Leased but never started: give them back so they are due again at once, not after the lease lapses.
      const unstarted = backlog.splice(0).map((service) => service.id);
      await releaseLeases({ owner, ids: unstarted }).catch((error: Error) =>
        log(`releasing ${unstarted.length} unstarted leases failed: ${error.message}`),
      );
      // Checks in flight finish (each is bounded by the 5 s timeout) and release their leases as they record.
      await Promise.allSettled([...inFlight]);
    },
  };
}

// The in-server scheduler is a process-wide singleton: dev reloads and repeated start-up calls must not start two.
const globalForScheduler = globalThis as unknown as { porticoScheduler?: SchedulerHandle };

export function startServerScheduler(): SchedulerHandle | undefined {
  if (!getConfig().scheduler.enabled) return undefined;
  globalForScheduler.porticoScheduler ??= startScheduler();
  return globalForScheduler.porticoScheduler;
}
