// `npm run bench:tokens`: seed-001 issuance throughput at 64 connections against `next start` on SQLite, with two
// references in the same run — (a) bench/ route /api/bench/sign: same build, only signs a JWT (framework ceiling);
// (b) bench/floor-server.mjs: bare node:http + jose + better-sqlite3 doing the whole job (floor).
// Prints the figures and both ratios, then one line of JSON. Not a test: numbers depend on the machine.
// Env: PORTICO_DIST_DIR (build folder; built when missing or older than the sources), BENCH_DURATION_MS (total per target, 15000),
// BENCH_ROUNDS (3), BENCH_CONNECTIONS (64), BENCH_WARMUP_MS (3000), BENCH_ONLY (comma-separated target names).
import { spawn } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import {
  createBenchServerEnv,
  createCeilingTarget,
  createLoadTarget,
  ensureBenchBuild,
  readBenchSettings,
  reportResults,
  runRounds,
} from "../bench/harness";
import { getFreePort, startPortico } from "../tests/support/server";

const settings = readBenchSettings();
const { connections } = settings;

// 10 000 valid, distinct UK mobile numbers, so per-phone limiting is exercised without hitting its budget.
const phones = Array.from({ length: 10_000 }, (_, i) => `%2B447911${String(100_000 + i).padStart(6, "0")}`);

async function main() {
  ensureBenchBuild(settings);
  const dataDir = path.join(tmpdir(), `portico-bench-${Date.now().toString(36)}`);
  mkdirSync(dataDir, { recursive: true });
  const env = createBenchServerEnv({ dataDir, settings });
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
    const serverPid = () => server.process.pid;
    const targets = [
      createCeilingTarget({ url: server.baseUrl, pid: serverPid, connections }),
      createLoadTarget({
        name: "issuance",
        url: server.baseUrl,
        path: issuePath,
        headers,
        pid: serverPid,
        connections,
      }),
      createLoadTarget({
        name: "floor_bare_node",
        url: `http://127.0.0.1:${floorPort}`,
        path: issuePath,
        headers,
        pid: () => floor?.pid,
        connections,
      }),
    ];
    reportResults({ subject: "issuance", results: await runRounds({ targets, settings }), settings });
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
