// What bench:tokens and bench:login share: settings from the environment, the server's environment, interleaved
// rounds of closed-loop load against each target, the per-target summary and the ratio report + JSON line.
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, rmSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import path from "node:path";
// @ts-expect-error plain ESM helper without types
import { ensureBuild } from "../scripts/lib/setup.mjs";
import { createDatabase, dropDatabase } from "../tests/support/postgres";
import { getFreePort, type RunningServer, startPortico } from "../tests/support/server";
// @ts-expect-error plain ESM helper without types
import { processTreeCpuMs, runLoad } from "./load.mjs";

export type LoadResult = {
  requests_per_second: number;
  p50_ms: number;
  p99_ms: number;
  ok: number;
  failed: number;
  statuses: Record<string, number>;
  cpu_ms_per_request: number | null;
  /** Summaries only: each round's p99, in round order (rounds are interleaved, so round i of two targets is paired). */
  p99_by_round?: number[];
};

export interface BenchTarget {
  name: string;
  /** Runs before each round of this target with the round's length (e.g. to top up single-use tokens). */
  prepare?: (options: { roundMs: number; warmupMs: number; seen: LoadResult[] | undefined }) => Promise<void>;
  measure: (durationMs: number, warmupMs: number) => Promise<LoadResult>;
}

/** A target measured by closed-loop load on `url`; CPU is counted for process `pid` and its children. */
export function createLoadTarget(options: {
  name: string;
  url: string;
  path: (index: number) => string;
  headers?: Record<string, string>;
  pid: () => number | undefined;
  connections: number;
  prepare?: BenchTarget["prepare"];
}): BenchTarget {
  return {
    name: options.name,
    prepare: options.prepare,
    measure: (durationMs, warmupMs) =>
      runLoad({
        connections: options.connections,
        durationMs,
        warmupMs,
        url: options.url,
        path: options.path,
        headers: options.headers,
        cpuOf: () => processTreeCpuMs(options.pid() as number),
      }),
  };
}

/** The framework's ceiling: bench/ route /api/bench/sign of the same build (signs a JWT; no database, no auth). */
export function createCeilingTarget(options: { url: string; pid: () => number | undefined; connections: number }) {
  return createLoadTarget({ name: "ceiling_no_db_route", path: () => "/api/bench/sign", ...options });
}

/**
 * Env: BENCH_DURATION_MS (total per target), BENCH_ROUNDS, BENCH_CONNECTIONS, BENCH_WARMUP_MS, BENCH_ONLY,
 * BENCH_POSTGRES_URL (a PostgreSQL server: the run gets a throw-away database on it instead of a SQLite file),
 * BENCH_CLUSTER_PROCESSES (server processes of the cluster target; default: the number of cores).
 * Defaults: 5 rounds of 6 s per target after a 10 s warm-up (before that, a target's first round measured its JIT and
 * cold caches), so one noisy round of a shared machine does not decide a median.
 */
export function readBenchSettings() {
  return {
    distDir: process.env.PORTICO_DIST_DIR ?? ".next",
    durationMs: Number(process.env.BENCH_DURATION_MS ?? 30_000),
    connections: Number(process.env.BENCH_CONNECTIONS ?? 64),
    warmupMs: Number(process.env.BENCH_WARMUP_MS ?? 10_000),
    rounds: Number(process.env.BENCH_ROUNDS ?? 5),
    only: process.env.BENCH_ONLY?.split(","),
    postgresUrl: process.env.BENCH_POSTGRES_URL,
    clusterProcesses: Number(process.env.BENCH_CLUSTER_PROCESSES ?? availableParallelism()),
  };
}

export type BenchSettings = ReturnType<typeof readBenchSettings>;

/** The production server's environment on `databaseUrl` (default: a fresh SQLite file in `dataDir`), bench/ routes on. */
function createBenchServerEnv(options: {
  dataDir: string;
  settings: BenchSettings;
  databaseUrl?: string;
  extra?: Record<string, string>;
}): Record<string, string> {
  return {
    PORTICO_DATA_DIR: options.dataDir,
    DATABASE_URL: options.databaseUrl ?? `file:${path.join(options.dataDir, "portico.db")}`,
    PORTICO_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
    AUTH_SECRET: randomBytes(32).toString("base64url"),
    PORTICO_SERVICE_ID: "portico-bench",
    PORTICO_SERVICE_SECRET: "portico-bench-secret",
    PORTICO_BENCH_ROUTES: "1",
    PORTICO_DIST_DIR: options.settings.distDir,
    NEXT_TELEMETRY_DISABLED: "1",
    NODE_ENV: "production",
    ...options.extra,
  };
}

/**
 * Builds if needed, then starts `next start` on a fresh database: a SQLite file in a temporary folder, or with
 * BENCH_POSTGRES_URL a throw-away PostgreSQL database. This process's environment is pointed at the same database, so
 * lib/ can seed it. `close` stops the server and removes the folder and database.
 */
export async function startBenchServer(options: {
  name: string;
  settings: BenchSettings;
  extra?: Record<string, string>;
  /** Runs on the fresh database before the server starts (e.g. seeding it), with the server's environment. */
  beforeStart?: (env: Record<string, string>) => Promise<void>;
}): Promise<{ server: RunningServer; dataDir: string; env: Record<string, string>; close: () => Promise<void> }> {
  // Built when missing or older than the sources: a stale build would be measured otherwise.
  process.env.PORTICO_DIST_DIR = options.settings.distDir;
  ensureBuild();
  const runId = Date.now().toString(36);
  const dataDir = path.join(tmpdir(), `portico-${options.name}-${runId}`);
  mkdirSync(dataDir, { recursive: true });
  let databaseUrl: string | undefined;
  if (options.settings.postgresUrl) {
    const url = new URL(options.settings.postgresUrl);
    url.pathname = `/portico_${options.name.replaceAll("-", "_")}_${runId}`;
    databaseUrl = url.toString();
    await createDatabase(databaseUrl);
  }
  const env = createBenchServerEnv({ dataDir, settings: options.settings, databaseUrl, extra: options.extra });
  Object.assign(process.env, env);
  await options.beforeStart?.(env);
  const server = await startPortico({ env });
  const close = async () => {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
    if (databaseUrl) await dropDatabase(databaseUrl);
  };
  return { server, dataDir, env, close };
}

/**
 * The same Portico as `npm start` runs it with PORTICO_WEB_CONCURRENCY = settings.clusterProcesses, on the bench
 * server's database (`env` from startBenchServer); undefined when BENCH_ONLY leaves out `target`.
 */
export async function startBenchCluster(options: {
  env: Record<string, string>;
  settings: BenchSettings;
  target: string;
}): Promise<RunningServer | undefined> {
  if (options.settings.only && !options.settings.only.includes(options.target)) return undefined;
  return startPortico({ env: options.env, processes: options.settings.clusterProcesses });
}

/**
 * The cluster's throughput against the single process's, measured in the same run: a `note` line for reportResults
 * and fields for its JSON.
 */
export function compareCluster(options: {
  results: Record<string, LoadResult>;
  single: string;
  cluster: string;
  settings: BenchSettings;
}) {
  const single = options.results[options.single];
  const cluster = options.results[options.cluster];
  const ratio =
    single && cluster ? Math.round((cluster.requests_per_second / single.requests_per_second) * 1000) / 1000 : null;
  const processes = options.settings.clusterProcesses;
  return {
    note: `${options.cluster} / ${options.single} (${processes} server processes, target ≥ 1.5): ${ratio}`,
    cluster_processes: processes,
    cores: availableParallelism(),
    [`ratio_${options.cluster}_to_${options.single}`]: ratio,
    cluster_target_met: ratio !== null && ratio >= 1.5,
  };
}

/** The bench partner (approved), created through lib/ on the bench server's database, and an API token of it. */
export async function createBenchPartner(options: { timeZone?: string } = {}) {
  const { createPartnerAccount } = await import("@/lib/partners/partners");
  const { createApiToken } = await import("@/lib/auth/api-tokens");
  const account = await createPartnerAccount({
    email: "bench@portico.test",
    password: "bench password 1234",
    name: "Bench",
    approve: true,
    timeZone: options.timeZone,
  });
  const apiToken = (await createApiToken({ partnerId: account.partnerId, name: "bench" })).token;
  return { account, apiToken };
}

/** Starts a bare-node floor server (bench/*.mjs) on a free port; resolves once it prints its first line. */
export async function startFloorServer(options: {
  script: string;
  env: Record<string, string>;
}): Promise<{ url: string; process: ChildProcess; stop: () => void }> {
  const port = await getFreePort();
  const child = spawn(process.execPath, [options.script], {
    env: { ...process.env, ...options.env, PORT: String(port) },
    stdio: ["ignore", "pipe", "inherit"],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout?.once("data", () => resolve());
    child.once("exit", (code) => reject(new Error(`${options.script} exited with ${code} before it was ready`)));
  });
  return { url: `http://127.0.0.1:${port}`, process: child, stop: () => child.kill("SIGTERM") };
}

const formatLoad = () =>
  loadavg()
    .map((value) => value.toFixed(2))
    .join(" ");

/**
 * Interleaved rounds (A B C A B C …): on a shared machine, background load then weighs on all targets alike.
 * Returns per target: mean req/s, median p50 and CPU ms per request, worst p99, summed counts.
 */
export async function runRounds(options: {
  targets: BenchTarget[];
  settings: BenchSettings;
}): Promise<Record<string, LoadResult>> {
  const { settings } = options;
  const plan = options.targets.filter(({ name }) => !settings.only || settings.only.includes(name));
  const roundMs = settings.durationMs / settings.rounds;
  console.log(
    `bench: ${settings.postgresUrl ? "PostgreSQL" : "SQLite"}, ${settings.connections} connections, ${settings.rounds} interleaved rounds of ${roundMs / 1000} s each per target; load average ${formatLoad()}`,
  );
  const rounds: Record<string, LoadResult[]> = {};
  for (let round = 0; round < settings.rounds; round++) {
    for (const target of plan) {
      const warmupMs = round === 0 ? settings.warmupMs : 1_000;
      await target.prepare?.({ roundMs, warmupMs, seen: rounds[target.name] });
      const r = await target.measure(roundMs, warmupMs);
      rounds[target.name] = [...(rounds[target.name] ?? []), r];
      console.log(
        `  round ${round + 1} ${target.name.padEnd(20)} ${r.requests_per_second} req/s   p50 ${r.p50_ms} ms   p99 ${r.p99_ms} ms   server CPU ${r.cpu_ms_per_request} ms/req   ${JSON.stringify(r.statuses)}`,
      );
    }
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
  const results: Record<string, LoadResult> = {};
  for (const [name, list] of Object.entries(rounds)) {
    results[name] = {
      requests_per_second:
        Math.round((list.reduce((sum, r) => sum + r.requests_per_second, 0) / list.length) * 10) / 10,
      p50_ms: median(list.map((r) => r.p50_ms)),
      p99_ms: Math.max(...list.map((r) => r.p99_ms)),
      ok: list.reduce((sum, r) => sum + r.ok, 0),
      failed: list.reduce((sum, r) => sum + r.failed, 0),
      statuses: {},
      cpu_ms_per_request: median(list.map((r) => r.cpu_ms_per_request ?? Number.NaN)),
      p99_by_round: list.map((r) => r.p99_ms),
    };
  }
  return results;
}

/** Median over rounds of subject p99 ÷ reference p99, each round paired with the reference's round of the same number. */
function pairedP99Ratio(subject?: LoadResult, reference?: LoadResult): number | null {
  const a = subject?.p99_by_round ?? [];
  const b = reference?.p99_by_round ?? [];
  const ratios = a.flatMap((p99, i) => (b[i] ? [p99 / (b[i] as number)] : [])).sort((x, y) => x - y);
  const middle = ratios[Math.floor(ratios.length / 2)];
  return middle === undefined ? null : Math.round(middle * 1000) / 1000;
}

/**
 * Prints every target, then `subject` against the no-DB route and the bare floor, by throughput and by CPU cost, and
 * its p99 against the route's. Targets: throughput ≥ 0.70 of the route on SQLite and ≥ 0.80 on PostgreSQL; p99 ≤ 1.3×
 * the route's, as the median over rounds of the paired rounds' ratio (one round's p99 is too noisy on a shared
 * machine to compare worst with worst). Prints the JSON line and returns it. `extra` joins the JSON and must be true
 * in `extraOk` for the target to count as met.
 */
export function reportResults(options: {
  subject: string;
  results: Record<string, LoadResult>;
  settings: BenchSettings;
  extra?: Record<string, unknown>;
  extraOk?: boolean;
  /** Lines printed after the ratios. */
  notes?: string[];
}) {
  const { subject, results, settings } = options;
  console.log("");
  for (const [name, r] of Object.entries(results)) {
    console.log(
      `${name.padEnd(20)} ${r.requests_per_second} req/s   p50 ${r.p50_ms} ms   p99 ${r.p99_ms} ms (worst round)   CPU ${r.cpu_ms_per_request} ms/req (median)   failed ${r.failed}`,
    );
  }
  const ratio = (a?: LoadResult, b?: LoadResult) =>
    a && b ? Math.round((a.requests_per_second / b.requests_per_second) * 1000) / 1000 : null;
  // Capacity from CPU cost (req/s a dedicated core would sustain): robust when other jobs share the machine.
  const cpuRatio = (a?: LoadResult, b?: LoadResult) =>
    a?.cpu_ms_per_request && b?.cpu_ms_per_request
      ? Math.round((b.cpu_ms_per_request / a.cpu_ms_per_request) * 1000) / 1000
      : null;
  const measured = results[subject];
  const vsCeiling = ratio(measured, results.ceiling_no_db_route);
  const vsFloor = ratio(measured, results.floor_bare_node);
  const cpuVsCeiling = cpuRatio(measured, results.ceiling_no_db_route);
  const cpuVsFloor = cpuRatio(measured, results.floor_bare_node);
  const throughputTarget = settings.postgresUrl ? 0.8 : 0.7;
  const p99Ratio = pairedP99Ratio(measured, results.ceiling_no_db_route);
  const pad = (text: string) => text.padEnd(subject.length + 34);
  console.log(`load average at the end: ${formatLoad()}`);
  console.log(`${pad(`${subject} / no-DB route (target ≥ ${throughputTarget.toFixed(2)}):`)} ${vsCeiling}`);
  console.log(`${pad(`${subject} / bare floor:`)} ${vsFloor}`);
  console.log(`CPU-cost ratios (same, from server CPU ms per request): ${cpuVsCeiling} and ${cpuVsFloor}`);
  console.log(`${pad(`${subject} p99 / route p99 (target ≤ 1.3):`)} ${p99Ratio} (median of the rounds' ratios)`);
  for (const note of options.notes ?? []) console.log(note);
  const summary = {
    database: settings.postgresUrl ? "postgresql" : "sqlite",
    connections: settings.connections,
    duration_ms: settings.durationMs,
    rounds: settings.rounds,
    load_average: loadavg()[0],
    ...Object.fromEntries(
      Object.entries(results).map(([name, r]) => [
        name,
        {
          rps: r.requests_per_second,
          p50_ms: r.p50_ms,
          p99_ms: r.p99_ms,
          cpu_ms_per_request: r.cpu_ms_per_request,
          failed: r.failed,
        },
      ]),
    ),
    [`ratio_${subject}_to_ceiling`]: vsCeiling,
    [`ratio_${subject}_to_floor`]: vsFloor,
    [`cpu_ratio_${subject}_to_ceiling`]: cpuVsCeiling,
    [`cpu_ratio_${subject}_to_floor`]: cpuVsFloor,
    [`p99_ratio_${subject}_to_ceiling`]: p99Ratio,
    ...options.extra,
    target_met:
      vsCeiling !== null &&
      vsCeiling >= throughputTarget &&
      p99Ratio !== null &&
      p99Ratio <= 1.3 &&
      (options.extraOk ?? true),
  };
  console.log(JSON.stringify(summary));
  return summary;
}
