// `npm test`: everything a fresh machine needs, then unit, integration (SQLite and PostgreSQL) and e2e suites.
// PostgreSQL is skipped loudly when unreachable, unless CI=true or PORTICO_REQUIRE_POSTGRES=1 (then it fails).
import { existsSync } from "node:fs";
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
ensureBuild({ force: true });

const results = [];
function step(name, command, args, env = {}) {
  const started = Date.now();
  console.log(`\n━━━ ${name} ━━━`);
  const status = run(command, args, { env });
  results.push({ name, status: status === 0 ? "passed" : "FAILED", seconds: (Date.now() - started) / 1000 });
}

step("lint + format (Biome)", "node_modules/.bin/biome", ["check", "."]);
step("unit", "node_modules/.bin/vitest", ["run", "--project", "unit"]);
// The SDK's own typecheck, build and tests (including installing its packed tarball into an app outside the repo).
step("partner SDK", "npm", ["run", "sdk:check"]);
step("integration · SQLite", "node_modules/.bin/vitest", ["run", "--project", "integration"], {
  PORTICO_TEST_DB: "sqlite",
});
if (await postgresReachable()) {
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
step("e2e · Chromium", "node_modules/.bin/playwright", ["test"], { PORTICO_CHROMIUM: chromium });

console.log("\n━━━ summary ━━━");
for (const result of results)
  console.log(`  ${result.status.padEnd(32)} ${result.name.padEnd(28)} ${result.seconds.toFixed(1)} s`);
const failed = results.some((result) => result.status.startsWith("FAILED"));
console.log(failed ? "\nportico: TESTS FAILED" : "\nportico: all suites passed");
process.exit(failed ? 1 : 0);
