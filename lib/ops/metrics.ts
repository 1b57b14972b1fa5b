// Prometheus metrics (prom-client), one registry per process. Kept on globalThis: instrumentation (background loops)
// and route handlers are separate bundles in Next, and both must count into the registry /api/metrics reads.
import cluster from "node:cluster";
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";

export interface PorticoMetrics {
  registry: Registry;
  httpRequests: Counter<"method" | "route" | "status">;
  httpDuration: Histogram<"method" | "route" | "status">;
  checks: Counter<"outcome">;
  checkLag: Histogram;
  deliveries: Counter<"outcome">;
  deliveryQueueDepth: Gauge;
  jwtIssued: Counter;
  redemptions: Counter<"outcome">;
  retentionDeleted: Counter<"table">;
}

const globalForMetrics = globalThis as unknown as { porticoMetrics?: PorticoMetrics };

function createMetrics(): PorticoMetrics {
  const registry = new Registry();
  // In one of `npm start`'s several server processes every series carries `worker` (its cluster worker id): a scrape
  // through the shared port reaches one process at a time, and the label keeps their counters apart.
  if (cluster.isWorker && cluster.worker) registry.setDefaultLabels({ worker: String(cluster.worker.id) });
  // CPU, resident memory, heap, event-loop lag (portico_nodejs_eventloop_lag_*), GC: prom-client's defaults.
  collectDefaultMetrics({ register: registry, prefix: "portico_" });
  const registers = [registry];
  return {
    registry,
    httpRequests: new Counter({
      name: "portico_http_requests_total",
      help: "API requests answered, by route pattern and status",
      labelNames: ["method", "route", "status"],
      registers,
    }),
    httpDuration: new Histogram({
      name: "portico_http_request_duration_seconds",
      help: "API request latency, by route pattern and status",
      labelNames: ["method", "route", "status"],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    }),
    checks: new Counter({
      name: "portico_checks_total",
      help: "/authorize checks run by the scheduler, by outcome",
      labelNames: ["outcome"],
      registers,
    }),
    checkLag: new Histogram({
      name: "portico_check_lag_seconds",
      help: "How long after falling due each scheduled check started",
      buckets: [0.1, 0.5, 1, 2, 5, 10, 30, 60, 300],
      registers,
    }),
    deliveries: new Counter({
      name: "portico_webhook_deliveries_total",
      help: "Webhook delivery attempts, by outcome (succeeded, retry, failed)",
      labelNames: ["outcome"],
      registers,
    }),
    deliveryQueueDepth: new Gauge({
      name: "portico_webhook_queue_depth",
      help: "Webhook deliveries pending (sent or retried later), read at scrape time",
      registers,
      async collect() {
        // Loaded on first scrape: the webhooks capability imports this module to count its deliveries.
        const { countPendingDeliveries } = await import("@/lib/webhooks/deliveries");
        this.set(await countPendingDeliveries());
      },
    }),
    jwtIssued: new Counter({ name: "portico_jwt_issued_total", help: "Phone-number JWTs issued", registers }),
    redemptions: new Counter({
      name: "portico_login_redemptions_total",
      help: "One-time login token redemptions, by outcome (redeemed, refused)",
      labelNames: ["outcome"],
      registers,
    }),
    retentionDeleted: new Counter({
      name: "portico_retention_deleted_rows_total",
      help: "Rows deleted by the retention job, by table",
      labelNames: ["table"],
      registers,
    }),
  };
}

export function getMetrics(): PorticoMetrics {
  globalForMetrics.porticoMetrics ??= createMetrics();
  return globalForMetrics.porticoMetrics;
}

export async function renderMetrics(): Promise<{ contentType: string; body: string }> {
  const { registry } = getMetrics();
  return { contentType: registry.contentType, body: await registry.metrics() };
}
