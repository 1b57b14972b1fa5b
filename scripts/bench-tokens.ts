// `npm run bench:tokens`: phone token contract issuance throughput at 64 connections against `next start` on SQLite, with two
// references in the same run — (a) bench/ route /api/bench/sign: same build, only signs a JWT (framework ceiling);
// (b) bench/floor-server.mjs: bare node:http + jose + better-sqlite3 doing the whole job (floor); and issuance_cluster,
// the same Portico on the same database as `npm start` runs it with PORTICO_WEB_CONCURRENCY processes (target: ≥ 1.5×
// the single process's req/s in the same run; the load generator shares the machine's cores with the servers).
// Prints the figures and the ratios, then one line of JSON. Not a test: numbers depend on the machine.
// Env: PORTICO_DIST_DIR (build folder; built when missing or older than the sources), BENCH_DURATION_MS (total per target, 30000),
// BENCH_ROUNDS (5), BENCH_CONNECTIONS (64), BENCH_WARMUP_MS (10000), BENCH_ONLY (comma-separated target names),
// BENCH_POSTGRES_URL (run Portico on a throw-away database on that PostgreSQL server instead of SQLite; the floor stays SQLite),
// BENCH_CLUSTER_PROCESSES (server processes of issuance_cluster; default: the number of cores).
import path from "node:path";
import {
  compareCluster,
  createBenchPartner,
  createCeilingTarget,
  createLoadTarget,
  readBenchSettings,
  reportResults,
  runRounds,
  startBenchCluster,
  startBenchServer,
  startFloorServer,
} from "../bench/harness";

const settings = readBenchSettings();
const { connections } = settings;

// 10 000 valid, distinct UK mobile numbers, so per-phone limiting is exercised without hitting its budget.
const phones = Array.from({ length: 10_000 }, (_, i) => `%2B447911${String(100_000 + i).padStart(6, "0")}`);

async function main() {
  const { server, dataDir, env, close } = await startBenchServer({ name: "bench-tokens", settings });
  let floor: Awaited<ReturnType<typeof startFloorServer>> | undefined;
  let cluster: Awaited<ReturnType<typeof startBenchCluster>>;
  try {
    const { account, apiToken } = await createBenchPartner();
    const { getDb } = await import("@/lib/db/client");
    const { revealSigningKey } = await import("@/lib/tokens/signing-keys");
    // Limits high enough not to answer 429 during the run (the limiter still runs on every request).
    await getDb().partner.update({
      where: { id: account.partnerId },
      data: { tokenRateLimitPerMinute: 100_000_000, phoneRateLimitPerMinute: 1_000_000 },
    });
    const { key } = await revealSigningKey(account.partnerId);
    await getDb().$disconnect();

    floor = await startFloorServer({
      script: "bench/floor-server.mjs",
      env: {
        FLOOR_DB: path.join(dataDir, "floor.db"),
        FLOOR_API_TOKEN: apiToken,
        FLOOR_CUSTOMER_ID: account.customerId,
        FLOOR_SIGNING_KEY: key,
      },
    });

    cluster = await startBenchCluster({ env, settings, target: "issuance_cluster" });
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
      ...(cluster
        ? [
            createLoadTarget({
              name: "issuance_cluster",
              url: cluster.baseUrl,
              path: issuePath,
              headers,
              pid: () => cluster?.process.pid,
              connections,
            }),
          ]
        : []),
      createLoadTarget({
        name: "floor_bare_node",
        url: floor.url,
        path: issuePath,
        headers,
        pid: () => floor?.process.pid,
        connections,
      }),
    ];
    const results = await runRounds({ targets, settings });
    const { note, ...clusterFields } = compareCluster({
      results,
      single: "issuance",
      cluster: "issuance_cluster",
      settings,
    });
    reportResults({ subject: "issuance", results, settings, extra: clusterFields, notes: [note] });
  } finally {
    floor?.stop();
    await cluster?.stop();
    await close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
