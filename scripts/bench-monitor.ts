// `npm run bench:monitor`: N simulated services on one interval, checked by the real scheduler against a real
// database, answered by one loopback partner server (a child process, so its CPU and memory are not counted here)
// that serves every 127.x.y.z address and tells services apart by Host.
// Prints checks/s, the lag between due time and check start (p50/p99), RSS; the last line is JSON with the figures.
//
//   BENCH_SERVICES=10000 BENCH_INTERVAL_SECONDS=60 BENCH_SECONDS=150 npm run bench:monitor
//   BENCH_DATABASE_URL=postgresql://… (default: a throw-away SQLite file in a temp folder)
import { type ChildProcess, spawn } from "node:child_process";
import { createHmac, randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { z } from "zod";

const benchEnv = z
  .object({
    BENCH_SERVICES: z.coerce.number().int().min(1).default(10_000),
    BENCH_INTERVAL_SECONDS: z.coerce.number().int().min(1).default(60),
    BENCH_SECONDS: z.coerce.number().int().min(5).default(150),
    BENCH_DATABASE_URL: z.string().optional(),
  })
  .parse(process.env);

const secretFor = (master: string, host: string) => createHmac("sha256", master).update(host).digest("base64url");

/** 127.1.0.1, 127.1.0.2, …: distinct loopback hosts, so each service has its own origin and Host header. */
function hostFor(index: number, port: number): string {
  const n = index + 1;
  return `127.${1 + (n >> 16)}.${(n >> 8) & 255}.${n & 255}:${port}`;
}

async function runPartnerServer() {
  const { startPartnerServer } = await import("../tests/support/partner-server");
  const master = process.env.BENCH_MASTER ?? "";
  const server = await startPartnerServer({
    anyLoopbackAddress: true,
    resolveIdentity: (host) => ({ serviceId: `bench-${host}`, secret: secretFor(master, host), version: "bench-1" }),
  });
  process.stdout.write(`${JSON.stringify({ port: new URL(server.origin).port })}\n`);
  process.on("SIGTERM", () => void server.close().then(() => process.exit(0)));
}

function startPartnerProcess(master: string): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", path.join(import.meta.dirname, "bench-monitor.ts"), "--partner-server"],
    {
      env: { ...process.env, BENCH_MASTER: master },
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  return new Promise((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`partner server exited with ${code}`)));
    child.stdout?.once("data", (chunk: Buffer) => resolve({ child, port: Number(JSON.parse(chunk.toString()).port) }));
  });
}

const percentile = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : 0;

async function main() {
  const { BENCH_SERVICES: services, BENCH_INTERVAL_SECONDS: interval, BENCH_SECONDS: seconds } = benchEnv;
  const dataDir = mkdtempSync(path.join(tmpdir(), "portico-bench-"));
  // Set before lib/ is loaded: lib/config reads the environment once.
  process.env.PORTICO_DATA_DIR = dataDir;
  process.env.DATABASE_URL = benchEnv.BENCH_DATABASE_URL ?? `file:${path.join(dataDir, "bench.db")}`;
  process.env.PORTICO_ALLOW_PRIVATE_TARGETS = "true";
  process.env.PORTICO_ENCRYPTION_KEY ??= randomBytes(32).toString("base64");
  const { getConfig } = await import("@/lib/config");
  const { getDb } = await import("@/lib/db/client");
  const { applyMigrations } = await import("@/lib/db/migrate");
  const { encryptSecret } = await import("@/lib/crypto/encryption");
  const { createId } = await import("@/lib/crypto/random");
  const { startScheduler } = await import("@/lib/jobs/scheduler");
  const db = getDb();
  await applyMigrations();
  const master = randomBytes(16).toString("hex");
  const partner = await startPartnerProcess(master);

  console.log(`bench: ${services} services every ${interval} s for ${seconds} s on ${getConfig().databaseProvider}`);
  const partnerId = createId("ptn");
  await db.partner.create({ data: { id: partnerId, name: "Bench", status: "approved", customerId: partnerId } });
  const firstDue = Date.now() + 3000;
  for (let start = 0; start < services; start += 1000) {
    const rows = [];
    for (let i = start; i < Math.min(services, start + 1000); i++) {
      const host = hostFor(i, partner.port);
      rows.push({
        id: createId("svc"),
        partnerId,
        serviceId: `bench-${host}`,
        name: `bench ${i}`,
        url: `http://${host}/`,
        checkIntervalSeconds: interval,
        secretCiphertext: encryptSecret(secretFor(master, host)),
        // Spread over one interval, as a fleet that has been running for a while is.
        nextCheckAt: new Date(firstDue + Math.floor((i / services) * interval * 1000)),
        createdAt: new Date(firstDue - 3600_000), // long registered: past the first-check grace period
      });
    }
    await db.service.createMany({ data: rows });
  }

  const lags: number[] = [];
  let maxRss = 0;
  const rssTimer = setInterval(() => (maxRss = Math.max(maxRss, process.memoryUsage().rss)), 500);
  const began = Date.now();
  const scheduler = startScheduler({
    log: (message) => console.log(`scheduler: ${message}`),
    onCheckStarted: (service, startedAt) => lags.push(startedAt.getTime() - service.dueAt.getTime()),
  });
  const progress = setInterval(() => {
    const elapsed = (Date.now() - began) / 1000;
    const stats = scheduler.stats();
    console.log(
      `  t=${elapsed.toFixed(0)}s started=${stats.started} recorded=${stats.recorded} in_flight=${stats.inFlight} rss=${Math.round(process.memoryUsage().rss / 1e6)}MB`,
    );
  }, 10_000);
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  clearInterval(progress);
  const measured = (Date.now() - began) / 1000;
  await scheduler.stop();
  clearInterval(rssTimer);
  const stats = scheduler.stats();
  const outcomes = await db.serviceCheck.groupBy({ by: ["outcome"], _count: { _all: true } });
  partner.child.kill("SIGTERM");
  await db.$disconnect();
  if (!benchEnv.BENCH_DATABASE_URL) rmSync(dataDir, { recursive: true, force: true });

  const sorted = lags.sort((a, b) => a - b);
  const figures = {
    services,
    interval_seconds: interval,
    duration_seconds: Math.round(measured),
    database: getConfig().databaseProvider,
    concurrency: Number(process.env.PORTICO_CHECK_CONCURRENCY ?? 50),
    checks_started: stats.started,
    checks_recorded: stats.recorded,
    checks_failed: stats.failed,
    checks_per_second: Number((stats.recorded / measured).toFixed(1)),
    expected_checks_per_second: Number((services / interval).toFixed(1)),
    lag_p50_ms: percentile(sorted, 50),
    lag_p99_ms: percentile(sorted, 99),
    lag_max_ms: sorted.at(-1) ?? 0,
    rss_max_mb: Math.round(maxRss / 1e6),
    outcomes: Object.fromEntries(outcomes.map((row) => [row.outcome, row._count._all])),
  };
  console.log(`checks/s: ${figures.checks_per_second} (due rate ${figures.expected_checks_per_second}/s)`);
  console.log(
    `lag due→start: p50 ${figures.lag_p50_ms} ms, p99 ${figures.lag_p99_ms} ms, max ${figures.lag_max_ms} ms`,
  );
  console.log(`RSS max: ${figures.rss_max_mb} MB; outcomes: ${JSON.stringify(figures.outcomes)}`);
  console.log(JSON.stringify(figures));
  process.exit(0);
}

if (process.argv.includes("--partner-server")) void runPartnerServer();
else
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
