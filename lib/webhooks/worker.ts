// The delivery worker: fans new outbox events out into deliveries, then claims due deliveries with a lease and sends
// them with bounded concurrency. All state is in rows, so any number of workers can run against one database.
import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import { getConfig, type WebhookSettings } from "@/lib/config";
import { createLoopWait } from "@/lib/jobs/loop-wait";
import { claimDueDeliveries, type LoadedDelivery } from "./claims";
import { DISPATCH_BATCH_SIZE, dispatchEvents } from "./dispatcher";
import { sendDelivery } from "./sender";

const ACTIVE_POLL_MS = 25;
const ACTIVE_WINDOW_MS = 2000;

export interface WebhookWorkerHandle {
  owner: string;
  stop: () => Promise<void>;
  stats: () => { inFlight: number; sent: number; leaseLost: number; errors: number };
}

export function startWebhookWorker(
  options: { owner?: string; settings?: Partial<WebhookSettings>; log?: (message: string) => void } = {},
): WebhookWorkerHandle {
  const settings = { ...getConfig().webhooks, ...options.settings };
  const owner = options.owner ?? `${hostname()}:${process.pid}:${randomBytes(4).toString("hex")}`;
  const log = options.log ?? ((message: string) => console.log(`portico webhooks: ${message}`));
  const inFlight = new Set<Promise<void>>();
  const counters = { sent: 0, leaseLost: 0, errors: 0 };
  let running = true;
  const wait = createLoopWait();

  // Claim in batches: a claim (and an outbox check) per finished send would cost more than the send itself.
  const batchMin = Math.max(1, Math.floor(settings.concurrency / 4));
  // While events keep coming, poll the outbox every ACTIVE_POLL_MS instead of pollMs: at a steady rate the poll wait is
  // most of an event's latency, and these polls are cheap next to the sends they find. Idle, back to pollMs.
  const activePollMs = Math.min(settings.pollMs, ACTIVE_POLL_MS);
  let lastWorkAt = 0;
  const pollInterval = () => (Date.now() - lastWorkAt < ACTIVE_WINDOW_MS ? activePollMs : settings.pollMs);

  function launch(delivery: LoadedDelivery) {
    const deliveryId = delivery.id;
    const task = sendDelivery({ deliveryId, owner, settings, delivery })
      .then((recorded) => {
        if (recorded) counters.sent++;
        else counters.leaseLost++;
      })
      .catch((error: Error) => {
        // The lease stays and lapses, so the delivery is retried by whichever worker claims it next.
        counters.errors++;
        log(`delivery ${deliveryId} failed unexpectedly: ${error.message}`);
      })
      .finally(() => {
        inFlight.delete(task);
        if (settings.concurrency - inFlight.size >= batchMin) wait.slotFreed();
      });
    inFlight.add(task);
  }

  async function loop() {
    let lastDispatchAt = 0;
    let lastClaimAt = 0;
    let backlog = false;
    while (running) {
      // The outbox is checked every poll interval, and at once again while a full batch says it has a backlog.
      // Not after every event: under a steady stream that would be a fan-out (a write) per event or two.
      let created = 0;
      if (backlog || Date.now() - lastDispatchAt >= pollInterval()) {
        lastDispatchAt = Date.now();
        try {
          const result = await dispatchEvents();
          backlog = result.events >= DISPATCH_BATCH_SIZE;
          created = result.deliveries;
        } catch (error) {
          backlog = false;
          log(`dispatching events failed: ${(error as Error).message}`);
        }
      }
      const free = settings.concurrency - inFlight.size;
      let claimed: LoadedDelivery[] = [];
      const claiming = free >= batchMin || (free > 0 && (created > 0 || Date.now() - lastClaimAt >= pollInterval()));
      if (claiming) {
        lastClaimAt = Date.now();
        try {
          // One statement (one SQLite transaction) leases the batch and loads each delivery's event and endpoint.
          claimed = await claimDueDeliveries({
            owner,
            limit: free,
            leaseSeconds: settings.leaseSeconds,
            now: new Date(),
          });
        } catch (error) {
          log(`claiming deliveries failed: ${(error as Error).message}`);
        }
      }
      // Claimed rows are sent even when stopping: their leases would otherwise hold them until they lapse.
      for (const delivery of claimed) launch(delivery);
      // Only deliveries make the poll quicken: events no endpoint subscribes to need fanning out, not low latency.
      if (created > 0 || claimed.length > 0) lastWorkAt = Date.now();
      // Idle, saturated or between batches of a stream: wait, woken early once enough sends have finished.
      if (!claiming || (claimed.length < free && !backlog)) await wait.sleep(pollInterval());
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
      await Promise.allSettled([...inFlight]);
    },
  };
}

// A process-wide singleton: dev reloads and repeated start-up calls must not start a second worker.
const globalForWorker = globalThis as unknown as { porticoWebhookWorker?: WebhookWorkerHandle };

export function startServerWebhookWorker(): WebhookWorkerHandle | undefined {
  if (!getConfig().workersEnabled) return undefined;
  globalForWorker.porticoWebhookWorker ??= startWebhookWorker();
  return globalForWorker.porticoWebhookWorker;
}
