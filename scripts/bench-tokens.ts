// `npm run bench:tokens`: seed-001 issuance throughput at 64 connections against `next start` on SQLite, with two
// references in the same run — (a) bench/ route /api/bench/sign: same build, only signs a JWT (framework ceiling);
// (b) bench/floor-server.mjs: bare node:http + jose + better-sqlite3 doing the whole job (floor).
// Prints the figures and both ratios, then one line of JSON. Not a test: numbers depend on the machine.
// Env: PORTICO_DIST_DIR (build folder; built when missing), BENCH_DURATION_MS (total per target, 15000),
// BENCH_ROUNDS (3), BENCH_CONNECTIONS (64), BENCH_WARMUP_MS (3000), BENCH_ONLY (comma-separated target names).
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
// @ts-expect-error plain ESM helper without types
import { processTreeCpuMs, runLoad } from "../bench/load.mjs";
import { getFreePort, startPortico } from "../tests/support/server";

type LoadResult = {
  requests_per_second: number;
  p50_ms: number;
  p99_ms: number;
  ok: number;
  failed: number;
  statuses: Record<string, number>;
  cpu_ms_per_request: number | null;
};

const distDir = process.env.PORTICO_DIST_DIR ?? ".next";
const durationMs = Number(process.env.BENCH_DURATION_MS ?? 15_000);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 64);
const warmupMs = Number(process.env.BENCH_WARMUP_MS ?? 3_000);
const only = process.env.BENCH_ONLY?.split(",");
const rounds_ = Number(process.env.BENCH_ROUNDS ?? 3);

function run(command: string, args: string[], env: Record<string, string | undefined>): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: "inherit", env: { ...process.env, ...env } });
    child.on("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`${command} ${args.join(" ")} exited with ${code}`)),
    );
  });
}

// 10 000 valid, distinct UK mobile numbers, so per-phone limiting is exercised without hitting its budget.
const phones = Array.from({ length: 10_000 }, (_, i) => `%2B447911${String(100_000 + i).padStart(6, "0")}`);

async function main() {
  if (!existsSync(path.join(distDir, "BUILD_ID"))) {
    console.log(`bench: no build in ${distDir}, building…`);
    await run(process.execPath, ["node_modules/next/dist/bin/next", "build"], {
      PORTICO_DIST_DIR: distDir,
      NEXT_TELEMETRY_DISABLED: "1",
    });
  }
  const dataDir = path.join(tmpdir(), `portico-bench-${Date.now().toString(36)}`);
  mkdirSync(dataDir, { recursive: true });
  const env: Record<string, string> = {
    PORTICO_DATA_DIR: dataDir,
    DATABASE_URL: `file:${path.join(dataDir, "portico.db")}`,
    PORTICO_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
    AUTH_SECRET: randomBytes(32).toString("base64url"),
    PORTICO_SERVICE_ID: "portico-bench",
    PORTICO_SERVICE_SECRET: "portico-bench-secret",
    PORTICO_BENCH_ROUTES: "1",
    PORTICO_DIST_DIR: distDir,
    NEXT_TELEMETRY_DISABLED: "1",
    NODE_ENV: "production",
  };
  Object.assign(process.env, env);
  const server = await startPortico({ env });
  let floor: ReturnType<typeof spawn> | undefined;
  try {
    // The bench partner: created through lib/ on the server's database (migrated by the server's start-up).
    const { createPartnerAccount } = await import("@/lib/partners/partners");
    const { createApiToken } = await import("@/lib/auth/api-tokens");
    const { getDb } = await import("@/lib/db/client");
    const { revealSigningKey } = await import("@/lib/tokens/signing-keys");
    const account = await createPartnerAccount({
      email: "bench@portico.test",
      password: "bench password 1234",
      name: "Bench",
      approve: true,
    });
    const apiToken = (await createApiToken({ partnerId: account.partnerId, name: "bench" })).token;
    // Limits high enough not to answer 429 during the run (the limiter still runs on every request).
    await getDb().partner.update({
      where: { id: account.partnerId },
      data: { tokenRateLimitPerMinute: 100_000_000, phoneRateLimitPerMinute: 1_000_000 },
    });
    const { key } = await revealSigningKey(account.partnerId);
    await getDb().$disconnect();

    const floorPort = await getFreePort();
    floor = spawn(process.execPath, ["bench/floor-server.mjs"], {
      env: {
        ...process.env,
        PORT: String(floorPort),
        FLOOR_DB: path.join(dataDir, "floor.db"),
        FLOOR_API_TOKEN: apiToken,
        FLOOR_CUSTOMER_ID: account.customerId,
        FLOOR_SIGNING_KEY: key,
      },
      stdio: ["ignore", "pipe", "inherit"],
    });
    await new Promise<void>((resolve) => floor?.stdout?.once("data", () => resolve()));

    const headers = { authorization: `Bearer ${apiToken}` };
    const issuePath = (i: number) => `/api/v1/token/${phones[i % phones.length]}`;
    const serverCpu = () => processTreeCpuMs(server.process.pid as number);
    const floorCpu = () => processTreeCpuMs(floor?.pid as number);
    type Measure = (durationMs: number, warmupMs: number) => Promise<LoadResult>;
    const all: Array<[string, Measure]> = [
      [
        "ceiling_no_db_route",
        (d, w) =>
          runLoad({
            connections,
            durationMs: d,
            warmupMs: w,
            url: server.baseUrl,
            path: () => "/api/bench/sign",
            cpuOf: serverCpu,
          }),
      ],
      [
        "issuance",
        (d, w) =>
          runLoad({
            connections,
            durationMs: d,
            warmupMs: w,
            url: server.baseUrl,
            path: issuePath,
            headers,
            cpuOf: serverCpu,
          }),
      ],
      [
        "floor_bare_node",
        (d, w) =>
          runLoad({
            connections,
            durationMs: d,
            warmupMs: w,
            url: `http://127.0.0.1:${floorPort}`,
            path: issuePath,
            headers,
            cpuOf: floorCpu,
          }),
      ],
    ];
    const plan = all.filter(([name]) => !only || only.includes(name));
    // Interleaved rounds (A B C A B C …): on a shared machine, background load then weighs on all three alike.
    const rounds: Record<string, LoadResult[]> = {};
    console.log(
      `bench: ${connections} connections, ${rounds_} interleaved rounds of ${durationMs / rounds_ / 1000} s each per target; load average ${loadavg()
        .map((v) => v.toFixed(2))
        .join(" ")}`,
    );
    for (let round = 0; round < rounds_; round++) {
      for (const [name, measure] of plan) {
        const r = await measure(durationMs / rounds_, round === 0 ? warmupMs : 1_000);
        rounds[name] = [...(rounds[name] ?? []), r];
        console.log(
          `  round ${round + 1} ${name.padEnd(20)} ${r.requests_per_second} req/s   p50 ${r.p50_ms} ms   p99 ${r.p99_ms} ms   server CPU ${r.cpu_ms_per_request} ms/req   ${JSON.stringify(r.statuses)}`,
        );
      }
    }
    const results: Record<string, LoadResult> = {};
    for (const [name, list] of Object.entries(rounds)) {
      const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
      results[name] = {
        requests_per_second:
          Math.round((list.reduce((sum, r) => sum + r.requests_per_second, 0) / list.length) * 10) / 10,
        p50_ms: median(list.map((r) => r.p50_ms)),
        p99_ms: Math.max(...list.map((r) => r.p99_ms)),
        ok: list.reduce((sum, r) => sum + r.ok, 0),
        failed: list.reduce((sum, r) => sum + r.failed, 0),
        statuses: {},
        cpu_ms_per_request: median(list.map((r) => r.cpu_ms_per_request ?? Number.NaN)),
      };
    }
    console.log("");
    for (const [name, r] of Object.entries(results)) {
      console.log(
        `${name.padEnd(20)} ${r.requests_per_second} req/s   p50 ${r.p50_ms} ms   p99 ${r.p99_ms} ms (worst round)   CPU ${r.cpu_ms_per_request} ms/req (median)   failed ${r.failed}`,
      );
    }
    const ratio = (a?: LoadResult, b?: LoadResult) =>
      a && b ? Math.round((a.requests_per_second / b.requests_per_second) * 1000) / 1000 : null;
    const issuanceVsCeiling = ratio(results.issuance, results.ceiling_no_db_route);
    const issuanceVsFloor = ratio(results.issuance, results.floor_bare_node);
    // Capacity from CPU cost (req/s a dedicated core would sustain): robust when other jobs share the machine.
    const cpuRatio = (a?: LoadResult, b?: LoadResult) =>
      a?.cpu_ms_per_request && b?.cpu_ms_per_request
        ? Math.round((b.cpu_ms_per_request / a.cpu_ms_per_request) * 1000) / 1000
        : null;
    const cpuIssuanceVsCeiling = cpuRatio(results.issuance, results.ceiling_no_db_route);
    const cpuIssuanceVsFloor = cpuRatio(results.issuance, results.floor_bare_node);
    console.log(
      `load average at the end: ${loadavg()
        .map((v) => v.toFixed(2))
        .join(" ")}`,
    );
    console.log(`issuance / no-DB route (target ≥ 0.70): ${issuanceVsCeiling}`);
    console.log(`issuance / bare floor:                  ${issuanceVsFloor}`);
    console.log(
      `CPU-cost ratios (same, from server CPU ms per request): ${cpuIssuanceVsCeiling} and ${cpuIssuanceVsFloor}`,
    );
    if (results.issuance) console.log(`issuance p99 (target < 100 ms):         ${results.issuance.p99_ms} ms`);
    const summary = {
      connections,
      duration_ms: durationMs,
      rounds: rounds_,
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
      ratio_issuance_to_ceiling: issuanceVsCeiling,
      ratio_issuance_to_floor: issuanceVsFloor,
      cpu_ratio_issuance_to_ceiling: cpuIssuanceVsCeiling,
      cpu_ratio_issuance_to_floor: cpuIssuanceVsFloor,
      target_met:
        issuanceVsCeiling !== null && issuanceVsCeiling >= 0.7 && (results.issuance?.p99_ms ?? Infinity) < 100,
    };
    console.log(JSON.stringify(summary));
  } finally {
    floor?.kill("SIGTERM");
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
