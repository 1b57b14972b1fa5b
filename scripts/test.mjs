// `npm test`: everything a fresh machine needs, then unit, integration (SQLite and PostgreSQL), fuzz, faults, cluster
// (PostgreSQL) and e2e suites.
// PostgreSQL is skipped loudly when unreachable, unless CI=true or PORTICO_REQUIRE_POSTGRES=1 (then it fails).
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { ensureBuild, ensureDependencies, run, runOrExit } from "./lib/setup.mjs";

process.env.NEXT_TELEMETRY_DISABLED = "1";
const postgresUrl = process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const requirePostgres = process.env.CI === "true" || process.env.PORTICO_REQUIRE_POSTGRES === "1";
const chromium = process.env.PORTICO_CHROMIUM ?? "/usr/bin/chromium";

function ensureChromium() {
  if (existsSync(chromium)) return;
  if (process.getuid?.() !== 0) {
    console.error(`portico: ${chromium} is missing; install Debian's chromium (sudo apt-get install -y chromium)`);
    process.exit(1);
  }
  console.log("portico: installing Debian's chromium for the e2e suite…");
  runOrExit("apt-get", ["update", "-qq"]);
  runOrExit("apt-get", ["install", "-y", "-qq", "chromium"], { env: { DEBIAN_FRONTEND: "noninteractive" } });
}

async function postgresReachable() {
  const { default: pg } = await import("pg"); // after ensureDependencies(): a fresh clone has no node_modules yet
  const client = new pg.Client({ connectionString: postgresUrl, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return true;
  } catch (error) {
    console.error(`portico: PostgreSQL at ${postgresUrl} is not reachable: ${error.message}`);
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

ensureDependencies();
ensureChromium();
ensureBuild(); // reused when it was built from exactly these sources (a content hash, see scripts/lib/setup.mjs)

/** A port nobody listens on now (the e2e server's; parallel runs on one machine must not collide). */
function getFreePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const results = [];
const runPrefix = `${Date.now().toString(36)}${randomBytes(2).toString("hex")}`;
// Every temporary file of the run (data folders, SQLite files, browser profiles) goes under one folder, removed at the end.
const runTmp = mkdtempSync(path.join(tmpdir(), "portico-test-run-"));
let stepNumber = 0;
/** Each suite gets its own test run id (its own data folder and database, see tests/support/test-env.ts), removed after. */
function step(name, command, args, env = {}) {
  const started = Date.now();
  const runId = `${runPrefix}s${++stepNumber}`;
  console.log(`\n━━━ ${name} ━━━`);
  const status = run(command, args, { env: { TMPDIR: runTmp, PORTICO_TEST_RUN_ID: runId, ...env } });
  rmSync(path.join(runTmp, `portico-test-${runId}`), { recursive: true, force: true });
  results.push({ name, status: status === 0 ? "passed" : "FAILED", seconds: (Date.now() - started) / 1000 });
}

step("lint + format (Biome)", "node_modules/.bin/biome", ["check", "."]);
step("types · app", "npm", ["run", "typecheck"]); // the SDK's types: in "partner SDK" below
step("unit", "node_modules/.bin/vitest", ["run", "--project", "unit"]);
// The SDK's own typecheck, build and tests (including installing its packed tarball into an app outside the repo).
step("partner SDK", "npm", ["run", "sdk:check"]);
step("integration · SQLite", "node_modules/.bin/vitest", ["run", "--project", "integration"], {
  PORTICO_TEST_DB: "sqlite",
});
const postgresUp = await postgresReachable();
if (postgresUp) {
  step("integration · PostgreSQL", "node_modules/.bin/vitest", ["run", "--project", "integration"], {
    PORTICO_TEST_DB: "postgresql",
    TEST_POSTGRES_URL: postgresUrl,
  });
} else if (requirePostgres) {
  results.push({ name: "integration · PostgreSQL", status: "FAILED (unreachable, required)", seconds: 0 });
} else {
  console.warn("\n!!! SKIPPED the PostgreSQL integration suite: no server at TEST_POSTGRES_URL. !!!\n");
  results.push({ name: "integration · PostgreSQL", status: "SKIPPED (unreachable)", seconds: 0 });
}
// Fuzz and fault suites (`npm run test:fuzz`, `npm run test:faults`) on each database there is.
for (const [label, database] of [["SQLite", "sqlite"], ...(postgresUp ? [["PostgreSQL", "postgresql"]] : [])]) {
  const env = { PORTICO_TEST_DB: database, TEST_POSTGRES_URL: postgresUrl };
  step(`fuzz · ${label}`, "node_modules/.bin/vitest", ["run", "--project", "fuzz"], env);
  step(`faults · ${label}`, "node_modules/.bin/vitest", ["run", "--project", "faults", "--no-file-parallelism"], env);
}
// `npm run test:cluster`: several servers and a worker sharing one database, which only PostgreSQL offers.
if (postgresUp) {
  step("cluster · PostgreSQL", "node_modules/.bin/vitest", ["run", "--project", "cluster"], {
    PORTICO_TEST_DB: "postgresql",
    TEST_POSTGRES_URL: postgresUrl,
  });
}
step("e2e · Chromium", "node_modules/.bin/playwright", ["test"], {
  PORTICO_CHROMIUM: chromium,
  PORTICO_E2E_PORT: process.env.PORTICO_E2E_PORT ?? String(await getFreePort()),
});

rmSync(runTmp, { recursive: true, force: true });

console.log("\n━━━ summary ━━━");
for (const result of results)
  console.log(`  ${result.status.padEnd(32)} ${result.name.padEnd(28)} ${result.seconds.toFixed(1)} s`);
const failed = results.some((result) => result.status.startsWith("FAILED"));
console.log(failed ? "\nportico: TESTS FAILED" : "\nportico: all suites passed");
process.exit(failed ? 1 : 0);
