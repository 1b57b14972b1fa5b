// `npm run bench:monitor`: N simulated services on one interval, checked by the real scheduler against a real
// database, answered by one loopback partner server (a child process, so its CPU and memory are not counted here)
// that serves every 127.x.y.z address and tells services apart by Host.
// The services are seeded by a short-lived child too, so everything measured (checks/s, lag between due time and
// check start, event-loop delay, RSS peak and steady) belongs to the checker. The last line is JSON with the figures.
//
//   BENCH_SERVICES=10000 BENCH_INTERVAL_SECONDS=60 BENCH_SECONDS=150 npm run bench:monitor
//   BENCH_DATABASE_URL=postgresql://… (default: a throw-away SQLite file in a temp folder)
import { type ChildProcess, spawn } from "node:child_process";
import { createHmac, randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
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

/** Runs this script in another mode as a child process; resolves with the first line it prints, as JSON. */
function spawnMode(mode: string, env: Record<string, string>): Promise<{ child: ChildProcess; first: unknown }> {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(import.meta.dirname, "bench-monitor.ts"), mode], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`${mode} child exited with ${code}`)));
    child.stdout?.once("data", (chunk: Buffer) => resolve({ child, first: JSON.parse(chunk.toString()) }));
  });
}

async function startPartnerProcess(master: string): Promise<{ child: ChildProcess; port: number }> {
  const { child, first } = await spawnMode("--partner-server", { BENCH_MASTER: master });
  return { child, port: Number((first as { port: string }).port) };
}

/**
 * Seeding mode (a short-lived child): migrations and the N service rows. Its memory (10 000 encrypted rows, Prisma's
 * createMany compilation) is gone before the checker starts, so the figures are the checker's alone.
 */
async function runSeeder() {
  const { BENCH_SERVICES: services, BENCH_INTERVAL_SECONDS: interval } = benchEnv;
  const master = process.env.BENCH_MASTER ?? "";
  const port = Number(process.env.BENCH_PARTNER_PORT);
  const { getDb } = await import("@/lib/db/client");
  const { applyMigrations } = await import("@/lib/db/migrate");
  const { encryptSecret } = await import("@/lib/crypto/encryption");
  const { createId } = await import("@/lib/crypto/random");
  const { getConfig } = await import("@/lib/config");
  const db = getDb();
  await applyMigrations();
  const partnerId = createId("ptn");
  await db.partner.create({ data: { id: partnerId, name: "Bench", status: "approved", customerId: partnerId } });
  const prepared = Array.from({ length: services }, (_, i) => {
    const host = hostFor(i, port);
    return { i, host, secretCiphertext: encryptSecret(secretFor(master, host)) };
  });
  // Inserted a day ahead, then moved in one statement to start 3 s from now: inserting 10 000 rows takes seconds, and
  // services already overdue when the checker starts would measure the seeding, not the checker.
  const provisional = Date.now() + 86_400_000;
  for (let start = 0; start < services; start += 1000) {
    const rows = prepared.slice(start, start + 1000).map(({ i, host, secretCiphertext }) => ({
      id: createId("svc"),
      partnerId,
      serviceId: `bench-${host}`,
      name: `bench ${i}`,
      url: `http://${host}/`,
      checkIntervalSeconds: interval,
      secretCiphertext,
      // Spread over one interval, as a fleet that has been running for a while is.
      nextCheckAt: new Date(provisional + Math.floor((i / services) * interval * 1000)),
      createdAt: new Date(Date.now() - 3600_000), // long registered: past the first-check grace period
    }));
    await db.service.createMany({ data: rows });
  }
  const firstDue = Date.now() + 3000;
  const shiftMs = provisional - firstDue;
  if (getConfig().databaseProvider === "postgresql")
    await db.$executeRawUnsafe(
      `UPDATE "Service" SET "nextCheckAt" = "nextCheckAt" - $1 * interval '1 millisecond'`,
      shiftMs,
    );
  else
    await db.$executeRawUnsafe(
      `UPDATE "Service" SET "nextCheckAt" = strftime('%Y-%m-%dT%H:%M:%f', "nextCheckAt", ?) || '+00:00'`,
      `-${(shiftMs / 1000).toFixed(3)} seconds`,
    );
  await db.$disconnect();
  process.stdout.write(`${JSON.stringify({ firstDue })}\n`);
  process.exit(0);
}

async function seedInChild(master: string, port: number): Promise<number> {
  const { child, first } = await spawnMode("--seed", { BENCH_MASTER: master, BENCH_PARTNER_PORT: String(port) });
  await new Promise((resolve) => (child.exitCode === null ? child.once("exit", resolve) : resolve(undefined)));
  return (first as { firstDue: number }).firstDue;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

async function main() {
  const { BENCH_SERVICES: services, BENCH_INTERVAL_SECONDS: interval, BENCH_SECONDS: seconds } = benchEnv;
  const dataDir = mkdtempSync(path.join(tmpdir(), "portico-bench-"));
  // Set before lib/ is loaded (lib/config reads the environment once); the children inherit them.
  process.env.PORTICO_DATA_DIR = dataDir;
  process.env.DATABASE_URL = benchEnv.BENCH_DATABASE_URL ?? `file:${path.join(dataDir, "bench.db")}`;
  process.env.PORTICO_ALLOW_PRIVATE_TARGETS = "true";
  process.env.PORTICO_ENCRYPTION_KEY ??= randomBytes(32).toString("base64");
  const master = randomBytes(16).toString("hex");
  const partner = await startPartnerProcess(master);
  const firstDue = await seedInChild(master, partner.port);

  const { getConfig } = await import("@/lib/config");
  const { getDb } = await import("@/lib/db/client");
  const { startScheduler } = await import("@/lib/jobs/scheduler");
  const db = getDb();
  console.log(`bench: ${services} services every ${interval} s for ${seconds} s on ${getConfig().databaseProvider}`);

  const lags: number[] = [];
  const rssSamples: number[] = [];
  const rssTimer = setInterval(() => rssSamples.push(process.memoryUsage().rss), 500);
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  loopDelay.enable();
  const began = Date.now();
  const scheduler = startScheduler({
    log: (message) => console.log(`scheduler: ${message}`),
    onCheckStarted: (service, startedAt) => lags.push(startedAt.getTime() - service.dueAt.getTime()),
  });
  let lagsSeen = 0;
  const tickDelay = monitorEventLoopDelay({ resolution: 10 });
  tickDelay.enable();
  const progress = setInterval(() => {
    const elapsed = (Date.now() - began) / 1000;
    const stats = scheduler.stats();
    const recent = lags.slice(lagsSeen).sort((x, y) => x - y);
    lagsSeen = lags.length;
    console.log(
      `  t=${elapsed.toFixed(0)}s started=${stats.started} recorded=${stats.recorded} in_flight=${stats.inFlight} ` +
        `lag_p99=${percentile(recent, 99)}ms loop_p99=${(tickDelay.percentile(99) / 1e6).toFixed(0)}ms ` +
        `rss=${Math.round(process.memoryUsage().rss / 1e6)}MB heap=${Math.round(process.memoryUsage().heapUsed / 1e6)}MB`,
    );
    tickDelay.reset();
  }, 10_000);
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  clearInterval(progress);
  const measured = (Date.now() - began) / 1000;
  await scheduler.stop();
  clearInterval(rssTimer);
  loopDelay.disable();
  // The kernel's high-water mark for this process: the checker's own peak, spikes between samples included.
  const peakRss = process.resourceUsage().maxRSS * 1024;
  const stats = scheduler.stats();
  const outcomes = await db.serviceCheck.groupBy({ by: ["outcome"], _count: { _all: true } });
  partner.child.kill("SIGTERM");
  await db.$disconnect();
  if (!benchEnv.BENCH_DATABASE_URL) rmSync(dataDir, { recursive: true, force: true });

  const sorted = lags.sort((a, b) => a - b);
  // Steady state: the second half of the run, once every service has had its first check.
  const steady = rssSamples.slice(Math.floor(rssSamples.length / 2)).sort((a, b) => a - b);
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
    // Checks that fell due during the run (the first `firstDue - began` after the start): what a checker keeping up
    // records, give or take the ones in flight at the end.
    due_in_run: Math.max(0, Math.round((services * (began + measured * 1000 - firstDue)) / (interval * 1000))),
    lag_p50_ms: percentile(sorted, 50),
    lag_p99_ms: percentile(sorted, 99),
    lag_max_ms: sorted.at(-1) ?? 0,
    loop_delay_p50_ms: Number((loopDelay.percentile(50) / 1e6).toFixed(1)),
    loop_delay_p99_ms: Number((loopDelay.percentile(99) / 1e6).toFixed(1)),
    loop_delay_max_ms: Number((loopDelay.max / 1e6).toFixed(1)),
    rss_max_mb: Math.round(Math.max(peakRss, ...rssSamples) / 1e6),
    rss_steady_p50_mb: Math.round(percentile(steady, 50) / 1e6),
    rss_steady_max_mb: Math.round((steady.at(-1) ?? 0) / 1e6),
    load_average: loadavg().map((value) => Number(value.toFixed(2))),
    outcomes: Object.fromEntries(outcomes.map((row) => [row.outcome, row._count._all])),
  };
  console.log(`checks/s: ${figures.checks_per_second} (due rate ${figures.expected_checks_per_second}/s)`);
  console.log(
    `lag due→start: p50 ${figures.lag_p50_ms} ms, p99 ${figures.lag_p99_ms} ms, max ${figures.lag_max_ms} ms`,
  );
  console.log(
    `event-loop delay: p50 ${figures.loop_delay_p50_ms} ms, p99 ${figures.loop_delay_p99_ms} ms, max ${figures.loop_delay_max_ms} ms`,
  );
  console.log(
    `RSS: peak ${figures.rss_max_mb} MB, steady p50 ${figures.rss_steady_p50_mb} MB (max ${figures.rss_steady_max_mb} MB); load ${figures.load_average.join(" ")}`,
  );
  console.log(`outcomes: ${JSON.stringify(figures.outcomes)}`);
  console.log(JSON.stringify(figures));
  process.exit(0);
}

if (process.argv.includes("--partner-server")) void runPartnerServer();
else if (process.argv.includes("--seed")) void runSeeder();
else
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
