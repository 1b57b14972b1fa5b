// The delivery worker: fans new outbox events out into deliveries, then claims due deliveries with a lease and sends
// them with bounded concurrency. All state is in rows, so any number of workers can run against one database.
import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import { db } from "@/lib/db/client";
import { claimDueDeliveries } from "./claims";
import { dispatchEvents } from "./dispatcher";
import { sendDelivery } from "./sender";
import { getWebhookSettings, type WebhookSettings } from "./settings";

export interface WebhookWorkerHandle {
  owner: string;
  stop: () => Promise<void>;
  stats: () => { inFlight: number; sent: number; leaseLost: number; errors: number };
}

export function startWebhookWorker(options: { owner?: string; settings?: Partial<WebhookSettings>; log?: (message: string) => void } = {}): WebhookWorkerHandle {
  const settings = { ...getWebhookSettings(), ...options.settings };
  const owner = options.owner ?? `${hostname()}:${process.pid}:${randomBytes(4).toString("hex")}`;
  const log = options.log ?? ((message: string) => console.log(`portico webhooks: ${message}`));
  const inFlight = new Set<Promise<void>>();
  const counters = { sent: 0, leaseLost: 0, errors: 0 };
  let running = true;
  let wake: (() => void) | undefined;

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  function launch(deliveryId: string) {
    const task = sendDelivery({ deliveryId, owner, settings })
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
        wake?.();
      });
    inFlight.add(task);
  }

  async function loop() {
    while (running) {
      let dispatched = 0;
      try {
        dispatched = (await dispatchEvents()).events;
      } catch (error) {
        log(`dispatching events failed: ${(error as Error).message}`);
      }
      const free = settings.concurrency - inFlight.size;
      let claimed: string[] = [];
      if (free > 0) {
        try {
          claimed = await claimDueDeliveries(db, { owner, limit: free, leaseSeconds: settings.leaseSeconds, now: new Date() });
        } catch (error) {
          log(`claiming deliveries failed: ${(error as Error).message}`);
        }
      }
      if (!running) break;
      for (const id of claimed) launch(id);
      // Idle (nothing new, nothing due) or saturated: wait, woken early when a send finishes.
      if (free <= 0 || (claimed.length < free && dispatched === 0)) await sleep(settings.pollMs);
    }
  }

  const done = loop();
  return {
    owner,
    stats: () => ({ inFlight: inFlight.size, ...counters }),
    async stop() {
      running = false;
      wake?.();
      await done;
      await Promise.allSettled([...inFlight]);
    },
  };
}

// A process-wide singleton: dev reloads and repeated start-up calls must not start a second worker.
const globalForWorker = globalThis as unknown as { porticoWebhookWorker?: WebhookWorkerHandle };

export function startServerWebhookWorker(): WebhookWorkerHandle | undefined {
  const disabled = process.env.PORTICO_DISABLE_WORKERS;
  if (disabled === "1" || disabled === "true") return undefined;
  globalForWorker.porticoWebhookWorker ??= startWebhookWorker();
  return globalForWorker.porticoWebhookWorker;
}
