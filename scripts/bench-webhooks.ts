// `npm run bench:webhooks`: the real webhooks worker (in this process) against a real database delivers outbox events
// for one endpoint with OAuth2 v1 to a loopback receiver; the receiver and the OAuth2 token server run in a child
// process, so their CPU and memory are not counted here.
//   1. burst: BENCH_EVENTS events written at once → deliveries/s while the backlog drains;
//   2. steady: BENCH_RATE events/s for BENCH_STEADY_SECONDS (a healthy receiver, below capacity) → p50/p99 latency
//      from the event's createdAt to its receipt at the receiver.
// Prints the figures; the last line is JSON with all of them.
//
//   BENCH_EVENTS=5000 BENCH_RATE=500 BENCH_STEADY_SECONDS=5 npm run bench:webhooks
//   BENCH_DATABASE_URL=postgresql://… (default: a throw-away SQLite file in a temp folder)
//   PORTICO_WEBHOOK_CONCURRENCY, PORTICO_WEBHOOK_POLL_MS tune the worker as in production.
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { z } from "zod";

const benchEnv = z
  .object({
    BENCH_EVENTS: z.coerce.number().int().min(1).default(5000),
    BENCH_RATE: z.coerce.number().int().min(1).default(500),
    BENCH_STEADY_SECONDS: z.coerce.number().int().min(0).default(5),
    BENCH_TOKEN_LIFETIME_SECONDS: z.coerce.number().int().min(1).default(3600),
    BENCH_DATABASE_URL: z.string().optional(),
  })
  .parse(process.env);

const CLIENT_ID = "bench";
const CLIENT_SECRET = "bench-secret";

/** Child process: OAuth2 token server + receiver on loopback; GET /stats on the receiver reports what it saw. */
async function runServers() {
  const lifetime = benchEnv.BENCH_TOKEN_LIFETIME_SECONDS;
  let tokenRequests = 0;
  const valid = new Map<string, number>();
  const latencies: number[] = [];
  let receipts = 0;
  let unauthorized = 0;
  const ids = new Set<string>();
  let duplicates = 0;

  const oauth = http.createServer((req, res) => {
    let raw = "";
    req.on("data", (chunk) => (raw += chunk));
    req.on("end", () => {
      tokenRequests++;
      const form = new URLSearchParams(raw);
      if (
        form.get("grant_type") !== "client_credentials" ||
        form.get("client_id") !== CLIENT_ID ||
        form.get("client_secret") !== CLIENT_SECRET
      ) {
        res.writeHead(401, { "content-type": "application/json" }).end('{"error":"invalid_client"}');
        return;
      }
      const token = randomBytes(16).toString("hex");
      valid.set(token, Date.now() + lifetime * 1000);
      res
        .writeHead(200, { "content-type": "application/json" })
        .end(JSON.stringify({ access_token: token, token_type: "Bearer", expires_in: lifetime }));
    });
  });
  const receiver = http.createServer((req, res) => {
    if (req.method === "GET") {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(
        JSON.stringify({
          tokenRequests,
          receipts,
          unauthorized,
          duplicates,
          cpuMs: Math.round((process.cpuUsage().user + process.cpuUsage().system) / 1000),
          latencies: req.url?.includes("latencies") ? latencies : [],
        }),
      );
      if (req.url?.includes("reset")) latencies.length = 0;
      return;
    }
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const receivedAt = Date.now();
      const token = String(req.headers.authorization ?? "").replace(/^Bearer /, "");
      if ((valid.get(token) ?? 0) <= receivedAt) {
        unauthorized++;
        res.writeHead(401).end();
        return;
      }
      receipts++;
      const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { id: string; created_at: string };
      if (ids.has(body.id)) duplicates++;
      ids.add(body.id);
      latencies.push(receivedAt - Date.parse(body.created_at));
      res.writeHead(200, { "content-type": "text/plain" }).end("ok");
    });
  });
  const listen = (server: http.Server) =>
    new Promise<number>((resolve) =>
      server.listen(0, "127.0.0.1", () => resolve((server.address() as AddressInfo).port)),
    );
  const [oauthPort, receiverPort] = await Promise.all([listen(oauth), listen(receiver)]);
  process.stdout.write(`${JSON.stringify({ oauthPort, receiverPort })}\n`);
  process.on("SIGTERM", () => process.exit(0));
}

function startServers(): Promise<{ child: ChildProcess; oauthUrl: string; receiverUrl: string }> {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", path.join(import.meta.dirname, "bench-webhooks.ts"), "--servers"],
    {
      env: process.env,
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  return new Promise((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`servers exited with ${code}`)));
    child.stdout?.once("data", (chunk: Buffer) => {
      const { oauthPort, receiverPort } = JSON.parse(chunk.toString()) as { oauthPort: number; receiverPort: number };
      resolve({
        child,
        oauthUrl: `http://127.0.0.1:${oauthPort}/oauth/token`,
        receiverUrl: `http://127.0.0.1:${receiverPort}/hooks`,
      });
    });
  });
}

interface ServerStats {
  tokenRequests: number;
  receipts: number;
  unauthorized: number;
  duplicates: number;
  cpuMs: number;
  latencies: number[];
}

async function readStats(receiverUrl: string, query = ""): Promise<ServerStats> {
  const response = await fetch(`${receiverUrl}?${query}`);
  return (await response.json()) as ServerStats;
}

const percentile = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : 0;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function main() {
  const { BENCH_EVENTS: events, BENCH_RATE: rate, BENCH_STEADY_SECONDS: steadySeconds } = benchEnv;
  const dataDir = mkdtempSync(path.join(tmpdir(), "portico-bench-webhooks-"));
  // Set before lib/ is loaded: lib/config reads the environment once.
  process.env.PORTICO_DATA_DIR = dataDir;
  process.env.DATABASE_URL = benchEnv.BENCH_DATABASE_URL ?? `file:${path.join(dataDir, "bench.db")}`;
  process.env.PORTICO_ALLOW_PRIVATE_TARGETS = "true";
  process.env.PORTICO_ENCRYPTION_KEY ??= randomBytes(32).toString("base64");
  process.env.AUTH_SECRET ??= randomBytes(32).toString("base64url");
  const { getConfig } = await import("@/lib/config");
  const { getDb } = await import("@/lib/db/client");
  const { applyMigrations } = await import("@/lib/db/migrate");
  const { createId } = await import("@/lib/crypto/random");
  const { createEndpoint } = await import("@/lib/webhooks/endpoints");
  const { countTokenRequests } = await import("@/lib/webhooks/oauth");
  const { startWebhookWorker } = await import("@/lib/webhooks/worker");
  const db = getDb();
  await applyMigrations();
  const servers = await startServers();
  const settings = getConfig().webhooks;
  const database = getConfig().databaseProvider;
  console.log(
    `bench: ${events} events burst, then ${rate}/s for ${steadySeconds} s, on ${database}; concurrency ${settings.concurrency}, poll ${settings.pollMs} ms`,
  );

  const partnerId = createId("ptn");
  await db.partner.create({ data: { id: partnerId, name: "Bench", status: "approved", customerId: partnerId } });
  const endpoint = await createEndpoint({
    partnerId,
    input: {
      url: servers.receiverUrl,
      authentication: {
        type: "OAuth2",
        version: "v1",
        data: {
          url: servers.oauthUrl,
          grant_type: "client_credentials",
          client_id: CLIENT_ID,
          client_secret: CLIENT_SECRET,
        },
      },
    },
  });
  // Outbox rows as recordEvent writes them, many per statement. The writers are not what is measured, yet they run in
  // this process: one raw INSERT per 500 rows (rows passed as one JSON parameter) keeps their cost out of the figures
  // (Prisma's createMany spends ≈0.5 ms of CPU per row compiling and mapping).
  const { toPostgresTime, toSqliteTime } = await import("@/lib/db/time");
  const onPostgres = database === "postgresql";
  const toDbTime = onPostgres ? toPostgresTime : toSqliteTime;
  const insertEvents = onPostgres
    ? `INSERT INTO "Event" ("id", "partnerId", "type", "data", "createdAt")
        SELECT r."id", r."partnerId", r."type", r."data", r."createdAt"::timestamp(3)
        FROM json_to_recordset($1::json) AS r("id" text, "partnerId" text, "type" text, "data" text, "createdAt" text)`
    : `INSERT INTO "Event" ("id", "partnerId", "type", "data", "createdAt")
        SELECT value ->> 'id', value ->> 'partnerId', value ->> 'type', value ->> 'data', value ->> 'createdAt'
        FROM json_each(?)`;
  let writerMs = 0;
  const writeEvents = async (count: number, phase: string) => {
    const started = performance.now();
    for (let start = 0; start < count; start += 500) {
      const createdAt = toDbTime(new Date());
      const rows = Array.from({ length: Math.min(500, count - start) }, (_, i) => ({
        id: createId("evt"),
        partnerId,
        type: "transaction.verified",
        data: JSON.stringify({ phase, n: start + i, xid: randomBytes(8).toString("hex") }),
        createdAt,
      }));
      await db.$executeRawUnsafe(insertEvents, JSON.stringify(rows));
    }
    writerMs += performance.now() - started;
  };

  let maxRss = 0;
  const rssTimer = setInterval(() => (maxRss = Math.max(maxRss, process.memoryUsage().rss)), 200);
  let errors = 0;
  const worker = startWebhookWorker({
    log: (message) => {
      errors++;
      if (errors <= 10) console.log(`worker: ${message}`);
    },
  });

  // CPU time per delivery, in this process and in the receiver's: on a shared machine wall-clock rates move with the
  // neighbours' load, CPU per delivery much less.
  const cpuMs = () => {
    const usage = process.cpuUsage();
    return (usage.user + usage.system) / 1000;
  };
  const receiverCpuBefore = (await readStats(servers.receiverUrl)).cpuMs;
  const cpuBefore = cpuMs();
  // 1. Burst: the backlog as a worker finds it after an outage or a mass change.
  const burstStart = Date.now();
  await writeEvents(events, "burst");
  const progress = setInterval(() => {
    const stats = worker.stats();
    console.log(
      `  t=${((Date.now() - burstStart) / 1000).toFixed(0)}s sent=${stats.sent} in_flight=${stats.inFlight} rss=${Math.round(process.memoryUsage().rss / 1e6)}MB`,
    );
  }, 5000);
  while (worker.stats().sent < events) {
    if (Date.now() - burstStart > 600_000)
      throw new Error(`burst did not finish in 600 s: ${JSON.stringify(worker.stats())}`);
    await sleep(5);
  }
  const burstSeconds = (Date.now() - burstStart) / 1000;
  clearInterval(progress);
  const burstCpuMs = cpuMs() - cpuBefore;
  const burst = await readStats(servers.receiverUrl, "latencies&reset");
  const burstLatency = burst.latencies.sort((a, b) => a - b);
  const burstRss = maxRss;

  // 2. Steady: events at BENCH_RATE/s in 10 ms ticks, as an application writes them.
  const steadyEvents = rate * steadySeconds;
  const steadyStart = Date.now();
  let written = 0;
  while (written < steadyEvents) {
    const due = Math.min(steadyEvents, Math.floor(((Date.now() - steadyStart) / 1000) * rate));
    if (due > written) {
      await writeEvents(due - written, "steady");
      written = due;
    }
    await sleep(10);
  }
  while (worker.stats().sent < events + steadyEvents) {
    if (Date.now() - steadyStart > 120_000 + steadySeconds * 1000)
      throw new Error(`steady phase did not finish: ${JSON.stringify(worker.stats())}`);
    await sleep(5);
  }
  const steadySecondsMeasured = (Date.now() - steadyStart) / 1000;
  const steady = await readStats(servers.receiverUrl, "latencies");
  const steadyLatency = steady.latencies.sort((a, b) => a - b);

  await worker.stop();
  clearInterval(rssTimer);
  const outcomes = await db.webhookDelivery.groupBy({ by: ["status"], _count: { _all: true } });
  const stats = worker.stats();
  servers.child.kill("SIGTERM");
  await db.$disconnect();
  if (!benchEnv.BENCH_DATABASE_URL) rmSync(dataDir, { recursive: true, force: true });

  const figures = {
    database,
    concurrency: settings.concurrency,
    poll_ms: settings.pollMs,
    endpoint: endpoint.id,
    burst_events: events,
    burst_seconds: Number(burstSeconds.toFixed(2)),
    deliveries_per_second: Number((events / burstSeconds).toFixed(1)),
    burst_cpu_us_per_delivery: Math.round((burstCpuMs * 1000) / events),
    burst_receiver_cpu_us_per_delivery: Math.round(((burst.cpuMs - receiverCpuBefore) * 1000) / events),
    burst_latency_p50_ms: percentile(burstLatency, 50),
    burst_latency_p99_ms: percentile(burstLatency, 99),
    steady_rate: rate,
    steady_events: steadyEvents,
    steady_seconds: Number(steadySecondsMeasured.toFixed(2)),
    latency_p50_ms: percentile(steadyLatency, 50),
    latency_p99_ms: percentile(steadyLatency, 99),
    latency_max_ms: steadyLatency.at(-1) ?? 0,
    token_requests: steady.tokenRequests,
    token_requests_in_process: countTokenRequests(),
    token_lifetime_seconds: benchEnv.BENCH_TOKEN_LIFETIME_SECONDS,
    receipts: steady.receipts,
    duplicates: steady.duplicates,
    unauthorized: steady.unauthorized,
    worker: stats,
    worker_errors_logged: errors,
    writer_ms: Math.round(writerMs),
    rss_max_mb: Math.round(maxRss / 1e6),
    rss_burst_max_mb: Math.round(burstRss / 1e6),
    outcomes: Object.fromEntries(outcomes.map((row) => [row.status, row._count._all])),
  };
  console.log(
    `deliveries/s (burst of ${events}): ${figures.deliveries_per_second} (${figures.burst_seconds} s); CPU per delivery: ${figures.burst_cpu_us_per_delivery} µs here, ${figures.burst_receiver_cpu_us_per_delivery} µs in the receiver`,
  );
  console.log(
    `burst event→receipt: p50 ${figures.burst_latency_p50_ms} ms, p99 ${figures.burst_latency_p99_ms} ms (queueing behind the backlog)`,
  );
  console.log(
    `steady ${rate}/s event→receipt: p50 ${figures.latency_p50_ms} ms, p99 ${figures.latency_p99_ms} ms, max ${figures.latency_max_ms} ms`,
  );
  console.log(
    `token requests: ${figures.token_requests} (lifetime ${figures.token_lifetime_seconds} s); receipts ${figures.receipts}, duplicates ${figures.duplicates}, 401s ${figures.unauthorized}`,
  );
  console.log(`RSS max: ${figures.rss_max_mb} MB; outcomes: ${JSON.stringify(figures.outcomes)}`);
  console.log(JSON.stringify(figures));
  process.exit(0);
}

if (process.argv.includes("--servers")) void runServers();
else
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
