// `npm run bench:growth`: what the pages and API lists that read growing tables cost at a small and at a large size —
// the transaction list, search and CSV export, one-time login statistics, service monitoring, webhook deliveries,
// audit events, callback logs and checks — over real HTTP against the built app (`next start`). Each size has a
// database of its own, seeded with direct SQL (bench/growth-seed.ts) before its server starts; both servers then run
// side by side and each route is timed on them in turn, request by request, so other load on the machine weighs on
// both alike. Target: each route's median at the large size within 2× of the small size's (index-backed,
// keyset-paginated, aggregated: no scans); the CSV export, which reads every row, must stream: its first byte within
// 2×, the server's memory flat while it runs. Prints a table and ends with one JSON line. Not a test.
//
// Env: BENCH_GROWTH_SMALL (rows per table at the small size, 10 000), BENCH_GROWTH_LARGE (at the large size,
// 1 000 000), BENCH_GROWTH_CHECKS (checks at the large size, 10 000 000; the small size has BENCH_GROWTH_SMALL),
// BENCH_GROWTH_REQUESTS (timed requests per route, 30), BENCH_POSTGRES_URL (both sizes on throw-away PostgreSQL
// databases instead of SQLite files), PORTICO_DIST_DIR.
import { spawn } from "node:child_process";
import { loadavg } from "node:os";
import path from "node:path";
import { z } from "zod";
import { CHECKS_PER_SERVICE, seededId, seededTime } from "../bench/growth-seed";
import { readBenchSettings, startBenchServer } from "../bench/harness";
// @ts-expect-error plain ESM helper without types
import { processTreeRssBytes } from "../bench/load.mjs";
import { signInAt } from "../tests/support/credentials-sign-in";

const benchEnv = z
  .object({
    BENCH_GROWTH_SMALL: z.coerce.number().int().min(100).default(10_000),
    BENCH_GROWTH_LARGE: z.coerce.number().int().min(100).default(1_000_000),
    BENCH_GROWTH_CHECKS: z.coerce.number().int().min(100).default(10_000_000),
    BENCH_GROWTH_REQUESTS: z.coerce.number().int().min(3).default(30),
  })
  .parse(process.env);

const PASSWORD = "bench password 1234";
const EMAIL = "bench@portico.test";
const TIME_ZONE = "Europe/Paris";
const RATIO_TARGET = 2;

interface Seeded {
  partnerId: string;
  apiToken: string;
  serviceId: string;
  endpointId: string;
  rows: Record<string, number>;
  seconds: number;
  now: number;
}

// ---- seeding (child process: `--seed`) ----

async function runSeeder() {
  const started = performance.now();
  const rows = Number(process.env.BENCH_GROWTH_ROWS);
  const checks = Number(process.env.BENCH_GROWTH_ROWS_CHECKS);
  const { applyMigrations } = await import("@/lib/db/migrate");
  const { getDb } = await import("@/lib/db/client");
  const { createUser } = await import("@/lib/auth/users");
  const { createService } = await import("@/lib/services/services");
  const { createServiceSchema } = await import("@/lib/services/schemas");
  const { encryptSecret } = await import("@/lib/crypto/encryption");
  const { createId } = await import("@/lib/crypto/random");
  const { createBenchPartner } = await import("../bench/harness");
  const { openBulkWriter, seedGrowthRows } = await import("../bench/growth-seed");
  await applyMigrations();
  const db = getDb();
  const { account, apiToken } = await createBenchPartner({ timeZone: TIME_ZONE });
  const service = await createService({
    partnerId: account.partnerId,
    input: createServiceSchema.parse({ name: "Growth app", url: "https://growth-app.example.test/" }),
  });
  const endUser = await createUser({ email: "end-user@bench.test", password: PASSWORD, role: "end_user" });
  const endpoint = await db.webhookEndpoint.create({
    data: {
      id: createId("whe"),
      partnerId: account.partnerId,
      url: "https://hooks.example.test/portico",
      secretCiphertext: encryptSecret("whsec_bench"),
    },
  });
  const now = Date.now();
  const subjects = {
    partnerId: account.partnerId,
    userId: account.userId,
    endUserId: endUser.id,
    serviceId: service.id,
    endpointId: endpoint.id,
    // Another partner's: the measured partner's own lists (services, dashboard) stay the same size at both sizes.
    async fillerServiceIds(count: number) {
      const fillerPartnerId = createId("ptn");
      await db.partner.create({
        data: { id: fillerPartnerId, name: "Filler", customerId: fillerPartnerId, status: "approved" },
      });
      const ids = Array.from({ length: count }, (_, i) => `svc_filler${String(i).padStart(6, "0")}`);
      for (let start = 0; start < ids.length; start += 500) {
        await db.service.createMany({
          data: ids.slice(start, start + 500).map((id) => ({
            id,
            partnerId: fillerPartnerId,
            serviceId: id,
            name: id,
            url: `https://${id}.example.test/`,
            secretCiphertext: "unused",
          })),
        });
      }
      return ids;
    },
  };
  const writer = openBulkWriter(process.env.DATABASE_URL as string);
  const counts = await seedGrowthRows({ writer, subjects, rows, checks, now });
  await writer.close();
  await db.$disconnect();
  const seeded: Seeded = {
    partnerId: account.partnerId,
    apiToken,
    serviceId: service.id,
    endpointId: endpoint.id,
    rows: counts,
    seconds: Math.round((performance.now() - started) / 100) / 10,
    now,
  };
  process.stdout.write(`${JSON.stringify(seeded)}\n`);
  process.exit(0);
}

function seedInChild(env: Record<string, string>, rows: number, checks: number): Promise<Seeded> {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", path.join(import.meta.dirname, "bench-growth.ts"), "--seed"],
    {
      env: { ...process.env, ...env, BENCH_GROWTH_ROWS: String(rows), BENCH_GROWTH_ROWS_CHECKS: String(checks) },
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk));
  return new Promise((resolve, reject) => {
    child.once("exit", (code) => {
      const line = output.trim().split("\n").at(-1) ?? "";
      if (code === 0 && line.startsWith("{")) resolve(JSON.parse(line) as Seeded);
      else reject(new Error(`seeding exited with ${code}: ${output}`));
    });
  });
}

// ---- measuring ----

interface Route {
  name: string;
  path: string;
  auth: "session" | "token";
}

function routesFor(seeded: Seeded, size: { rows: number; checks: number }): Route[] {
  // Cursors from the middle of the data, in each list's own format (the seed spreads rows evenly, oldest first).
  const { rows, now } = { rows: size.rows, now: seeded.now };
  const middle = Math.floor(rows / 2);
  const at = (days: number) => seededTime({ i: middle, count: rows, days, now });
  const transactionCursor = Buffer.from(JSON.stringify([at(90).getTime(), seededId("txn", middle)])).toString(
    "base64url",
  );
  const auditCursor = Buffer.from(`${at(365).toISOString()}|${seededId("aud", middle)}`).toString("base64url");
  // The measured service's own checks (the first service of the seed).
  const checks = Math.min(size.checks, CHECKS_PER_SERVICE);
  const checkAt = seededTime({ i: Math.floor(checks / 2), count: checks, days: 30, now });
  const checkCursor = Buffer.from(`${checkAt.toISOString()}|${seededId("chk0", Math.floor(checks / 2))}`).toString(
    "base64url",
  );
  const endpoint = `/api/v1/webhook-endpoints/${seeded.endpointId}`;
  return [
    { name: "transactions page", path: "/dashboard/transactions", auth: "session" },
    {
      name: "transactions page, deep cursor",
      path: `/dashboard/transactions?cursor=${transactionCursor}`,
      auth: "session",
    },
    { name: "transactions search (phone)", path: "/dashboard/transactions?q=%2B33612300042", auth: "session" },
    { name: "statistics (30 days)", path: "/dashboard/statistics?days=30", auth: "session" },
    { name: "statistics (90 days)", path: "/dashboard/statistics?days=90", auth: "session" },
    { name: "monitoring page", path: `/dashboard/services/${seeded.serviceId}/monitoring`, auth: "session" },
    { name: "webhook endpoint page", path: `/dashboard/webhooks/${seeded.endpointId}`, auth: "session" },
    { name: "webhooks list page", path: "/dashboard/webhooks", auth: "session" },
    { name: "dashboard", path: "/dashboard", auth: "session" },
    { name: "API deliveries", path: `${endpoint}/deliveries?limit=50`, auth: "token" },
    {
      name: "API deliveries, deep cursor",
      path: `${endpoint}/deliveries?limit=50&cursor=${seededId("dlv", middle)}`,
      auth: "token",
    },
    { name: "API deliveries, failed", path: `${endpoint}/deliveries?limit=50&status=failed`, auth: "token" },
    { name: "API audit events", path: "/api/v1/audit-events?limit=50", auth: "token" },
    {
      name: "API audit events, deep cursor",
      path: `/api/v1/audit-events?limit=50&cursor=${auditCursor}`,
      auth: "token",
    },
    { name: "API callback logs", path: `/api/v1/services/${seeded.serviceId}/callback/logs`, auth: "token" },
    { name: "API checks", path: `/api/v1/services/${seeded.serviceId}/checks?limit=50`, auth: "token" },
    {
      name: "API checks, deep cursor",
      path: `/api/v1/services/${seeded.serviceId}/checks?limit=50&cursor=${checkCursor}`,
      auth: "token",
    },
  ];
}

const percentile = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(p * values.length))] ?? Number.NaN;
const median = (values: number[]) => percentile(values, 0.5);
const round = (value: number) => Math.round(value * 10) / 10;

/** One request, timed to the end of its body. */
async function timeRequest(baseUrl: string, route: Route, headers: Record<string, string>): Promise<number> {
  const started = performance.now();
  const response = await fetch(`${baseUrl}${route.path}`, { headers, redirect: "manual" });
  await response.arrayBuffer();
  const elapsed = performance.now() - started;
  if (response.status !== 200) throw new Error(`${route.name}: ${route.path} answered ${response.status}`);
  return elapsed;
}

/**
 * Downloads the whole CSV export, sampling the server's resident memory every 20 ms meanwhile; reports the growth over
 * the memory before it at each quarter of the file, so a plateau (streaming) is told from a climb (buffering).
 */
async function measureExport(baseUrl: string, headers: Record<string, string>, pid: number, expectedRows: number) {
  const before = processTreeRssBytes(pid) as number;
  let peak = before;
  let lines = 0;
  const quarters = [0, 0, 0, 0];
  const sampler = setInterval(() => {
    const rss = processTreeRssBytes(pid) as number;
    peak = Math.max(peak, rss);
    const quarter = Math.min(3, Math.floor((lines / Math.max(1, expectedRows)) * 4));
    quarters[quarter] = Math.max(quarters[quarter] ?? 0, rss - before);
  }, 20);
  const started = performance.now();
  const response = await fetch(`${baseUrl}/dashboard/transactions/export`, { headers });
  if (response.status !== 200 || !response.body) throw new Error(`export answered ${response.status}`);
  let firstByteMs = 0;
  let bytes = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (!firstByteMs) firstByteMs = performance.now() - started;
    bytes += value.byteLength;
    for (const byte of value) if (byte === 10) lines++;
  }
  const totalMs = performance.now() - started;
  clearInterval(sampler);
  return {
    rows: lines - 1,
    first_byte_ms: round(firstByteMs),
    total_ms: Math.round(totalMs),
    rows_per_second: Math.round((lines - 1) / (totalMs / 1000)),
    megabytes: round(bytes / 1e6),
    rss_before_mb: Math.round(before / 1e6),
    rss_peak_mb: Math.round(peak / 1e6),
    rss_growth_mb: Math.round((peak - before) / 1e6),
    rss_growth_by_quarter_mb: quarters.map((growth) => Math.round(growth / 1e6)),
  };
}

/** Until the server's first usage rollup has caught up with the seeded history (read from the database). */
async function waitForRollup(databaseUrl: string): Promise<number> {
  const started = performance.now();
  const { readUsageCursors } = await import("../bench/growth-seed");
  for (;;) {
    const cursors = await readUsageCursors(databaseUrl);
    const behind = Date.now() - 20 * 60_000;
    if (cursors.length >= 8 && cursors.every((at) => at.getTime() >= behind))
      return Math.round((performance.now() - started) / 100) / 10;
    if (performance.now() - started > 1_800_000) throw new Error("the usage rollup did not catch up within 30 min");
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

interface PreparedSize {
  label: string;
  rows: number;
  checks: number;
  seeded: Seeded;
  rollupSeconds: number;
  baseUrl: string;
  pid: number;
  headers: Record<Route["auth"], Record<string, string>>;
  close: () => Promise<void>;
}

/** A fresh database seeded at this size, its server started, the usage rollup caught up, a session signed in. */
async function prepareSize(options: { label: string; rows: number; checks: number }): Promise<PreparedSize> {
  let seeded: Seeded | undefined;
  let databaseUrl = "";
  console.log(`bench: ${options.label}: seeding ${options.rows} rows per table and ${options.checks} checks…`);
  const { server, close } = await startBenchServer({
    name: `bench-growth-${options.label}`,
    settings: readBenchSettings(),
    // Only the request paths: no checks, deliveries or mail competing; retention long enough to keep every seeded row.
    extra: {
      PORTICO_DISABLE_SCHEDULER: "1",
      PORTICO_DISABLE_WORKERS: "1",
      PORTICO_RETENTION_TRANSACTIONS_DAYS: "3650",
      PORTICO_RETENTION_LOGIN_TOKENS_DAYS: "3650",
      PORTICO_RETENTION_DELIVERIES_DAYS: "3650",
      PORTICO_RETENTION_EVENTS_DAYS: "3650",
      PORTICO_RETENTION_CALLBACK_LOGS_DAYS: "3650",
      PORTICO_RETENTION_CHECKS_DAYS: "3650",
      PORTICO_AUDIT_RETENTION_DAYS: "3650",
      PORTICO_LOG_LEVEL: "warn",
    },
    beforeStart: async (env) => {
      databaseUrl = env.DATABASE_URL ?? "";
      seeded = await seedInChild(env, options.rows, options.checks);
    },
  });
  try {
    const data = seeded as Seeded;
    console.log(`bench: ${options.label}: seeded in ${data.seconds} s ${JSON.stringify(data.rows)}`);
    const rollupSeconds = await waitForRollup(databaseUrl);
    console.log(`bench: ${options.label}: usage rollup caught up ${rollupSeconds} s after the server was up`);
    const signIn = await signInAt(server.baseUrl, { email: EMAIL, password: PASSWORD });
    if (!signIn.sessionCookie) throw new Error(`sign-in failed: ${signIn.status}`);
    return {
      ...options,
      seeded: data,
      rollupSeconds,
      baseUrl: server.baseUrl,
      pid: server.process.pid as number,
      headers: { session: { cookie: signIn.sessionCookie }, token: { authorization: `Bearer ${data.apiToken}` } },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

type Size = "small" | "large";
type Timing = { median_ms: number; p90_ms: number };

/**
 * Each route on both servers in turn, request by request (small, large, small, …): load from anything else on the
 * machine then weighs on both sizes alike. The first three of each are warm-up. Medians per size.
 */
async function measureRoutes(sizes: Record<Size, PreparedSize>, requests: number) {
  const small = routesFor(sizes.small.seeded, sizes.small);
  const large = routesFor(sizes.large.seeded, sizes.large);
  const results: Record<string, Record<Size, Timing>> = {};
  for (const [index, smallRoute] of small.entries()) {
    const pair: Record<Size, Route> = { small: smallRoute, large: large[index] ?? smallRoute };
    const times: Record<Size, number[]> = { small: [], large: [] };
    for (let i = 0; i < requests + 3; i++) {
      for (const size of ["small", "large"] as const) {
        const elapsed = await timeRequest(sizes[size].baseUrl, pair[size], sizes[size].headers[smallRoute.auth]);
        if (i >= 3) times[size].push(elapsed);
      }
    }
    const timing = (list: number[]) => ({ median_ms: round(median(list)), p90_ms: round(percentile(list, 0.9)) });
    const result = { small: timing(times.small), large: timing(times.large) };
    results[smallRoute.name] = result;
    console.log(
      `  ${smallRoute.name.padEnd(32)} small ${result.small.median_ms} ms (p90 ${result.small.p90_ms})   large ${result.large.median_ms} ms (p90 ${result.large.p90_ms})`,
    );
  }
  return results;
}

async function main() {
  const settings = readBenchSettings();
  const database = settings.postgresUrl ? "postgresql" : "sqlite";
  console.log(
    `bench:growth on ${database}: ${benchEnv.BENCH_GROWTH_SMALL} vs ${benchEnv.BENCH_GROWTH_LARGE} rows per table (checks: ${benchEnv.BENCH_GROWTH_SMALL} vs ${benchEnv.BENCH_GROWTH_CHECKS}), ${benchEnv.BENCH_GROWTH_REQUESTS} requests per route; load average ${loadavg()[0]?.toFixed(2)}`,
  );
  let small: PreparedSize | undefined;
  let large: PreparedSize | undefined;
  try {
    small = await prepareSize({
      label: "small",
      rows: benchEnv.BENCH_GROWTH_SMALL,
      checks: benchEnv.BENCH_GROWTH_SMALL,
    });
    large = await prepareSize({
      label: "large",
      rows: benchEnv.BENCH_GROWTH_LARGE,
      checks: benchEnv.BENCH_GROWTH_CHECKS,
    });
    const sizes = { small, large };
    const routes = await measureRoutes(sizes, benchEnv.BENCH_GROWTH_REQUESTS);
    const csv = {} as Record<Size, ExportFigures>;
    for (const size of ["small", "large"] as const) {
      csv[size] = await measureExport(
        sizes[size].baseUrl,
        sizes[size].headers.session,
        sizes[size].pid,
        sizes[size].rows,
      );
      console.log(`  ${"CSV export".padEnd(32)} ${size} ${JSON.stringify(csv[size])}`);
    }
    report({ sizes, routes, csv, database });
  } finally {
    await small?.close();
    await large?.close();
  }
}

type ExportFigures = Awaited<ReturnType<typeof measureExport>>;

function report(options: {
  sizes: Record<Size, PreparedSize>;
  routes: Record<string, Record<Size, Timing>>;
  csv: Record<Size, ExportFigures>;
  database: string;
}) {
  const { sizes, routes, csv } = options;
  const column = (text: string, width: number) => text.padStart(width);
  console.log("");
  const head = `${"route".padEnd(32)} ${column(`${sizes.small.rows} rows`, 12)} ${column(`${sizes.large.rows} rows`, 14)}  ratio  target ≤ ${RATIO_TARGET}`;
  console.log(head);
  console.log("-".repeat(head.length));
  const ratio = (large: number, small: number) => Math.round((large / small) * 100) / 100;
  const line = (name: string, small: string, large: string, rest: string) =>
    console.log(`${name.padEnd(32)} ${column(small, 12)} ${column(large, 14)}  ${rest}`);
  const ratios: Record<string, number> = {};
  for (const [name, timing] of Object.entries(routes)) {
    ratios[name] = ratio(timing.large.median_ms, timing.small.median_ms);
    const verdict = ratios[name] <= RATIO_TARGET ? "ok" : "OVER";
    line(
      name,
      `${timing.small.median_ms} ms`,
      `${timing.large.median_ms} ms`,
      `${ratios[name].toFixed(2).padStart(5)}  ${verdict}`,
    );
  }
  const firstByteRatio = ratio(csv.large.first_byte_ms, csv.small.first_byte_ms);
  // Streaming: the memory the export adds levels off (the collector's headroom) instead of climbing with the rows — the
  // second half of a million-row file needs no more than the first (16 MB of slack for sampling).
  const [q1 = 0, q2 = 0, q3 = 0, q4 = 0] = csv.large.rss_growth_by_quarter_mb;
  const exportStreams = Math.max(q3, q4) <= Math.max(q1, q2) + 16;
  line(
    "CSV export, first byte",
    `${csv.small.first_byte_ms} ms`,
    `${csv.large.first_byte_ms} ms`,
    `${firstByteRatio.toFixed(2).padStart(5)}  ${firstByteRatio <= RATIO_TARGET ? "ok" : "OVER"}`,
  );
  line(
    "CSV export, whole file",
    `${csv.small.total_ms} ms`,
    `${csv.large.total_ms} ms`,
    `${csv.large.rows_per_second} rows/s at the large size`,
  );
  line(
    "CSV export, server RSS growth",
    `${csv.small.rss_growth_mb} MB`,
    `${csv.large.rss_growth_mb} MB`,
    `       ${exportStreams ? "flat" : "GROWS"} (by quarter of the file: ${csv.large.rss_growth_by_quarter_mb.join(" / ")} MB)`,
  );
  const over = Object.entries(ratios).filter(([, value]) => value > RATIO_TARGET);
  const summary = {
    bench: "growth",
    database: options.database,
    small_rows: sizes.small.rows,
    large_rows: sizes.large.rows,
    small_checks: sizes.small.checks,
    large_checks: sizes.large.checks,
    requests_per_route: benchEnv.BENCH_GROWTH_REQUESTS,
    seeded: { small: sizes.small.seeded.rows, large: sizes.large.seeded.rows },
    seed_seconds: { small: sizes.small.seeded.seconds, large: sizes.large.seeded.seconds },
    rollup_catch_up_seconds: { small: sizes.small.rollupSeconds, large: sizes.large.rollupSeconds },
    routes: Object.fromEntries(
      Object.entries(routes).map(([name, timing]) => [
        name,
        { small_ms: timing.small.median_ms, large_ms: timing.large.median_ms, ratio: ratios[name] },
      ]),
    ),
    csv_export: { ...csv, first_byte_ratio: firstByteRatio, streams: exportStreams },
    worst_ratio: Math.max(...Object.values(ratios)),
    over_target: over.map(([name]) => name),
    load_average: loadavg()[0],
    target_met: over.length === 0 && firstByteRatio <= RATIO_TARGET && exportStreams,
  };
  console.log(JSON.stringify(summary));
}

if (process.argv.includes("--seed"))
  runSeeder().catch((error) => {
    console.error(error);
    process.exit(1);
  });
else
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
