// `npm start`: install → migrate → build → serve, each phase announced with its elapsed time. Every phase is skipped
// when already done (dependencies match the lockfile, no pending migration, the build matches the sources).
// Serving runs PORTICO_WEB_CONCURRENCY server processes on PORT (scripts/lib/serve.mjs). SIGINT/SIGTERM go on to every
// server process, which drains its requests and leases; this launcher exits with them.
import {
  BUILD_COMMAND,
  buildIsCurrent,
  computeBuildHash,
  dependenciesNeedInstall,
  ensurePrismaClients,
  runPhase,
  writeBuildStamp,
  writeInstallStamp,
} from "./lib/setup.mjs";

process.env.NEXT_TELEMETRY_DISABLED = "1";
const started = Date.now();
const port = process.env.PORT ?? "3000";

console.log("portico: [1/4] install");
if (dependenciesNeedInstall()) {
  await runPhase({
    label: "install: npm ci (first run: a few minutes; better-sqlite3 may compile)",
    command: "npm",
    args: ["ci", "--no-audit", "--no-fund"],
  });
  writeInstallStamp();
} else {
  console.log("portico: install — node_modules matches package-lock.json; skipped");
}
ensurePrismaClients();

console.log("portico: [2/4] migrate");
await runPhase({
  label: "migrate: applying pending database migrations",
  command: process.execPath,
  args: ["--import", "tsx", "scripts/migrate.ts"],
});

console.log("portico: [3/4] build");
const hash = computeBuildHash();
if (buildIsCurrent(hash)) {
  console.log("portico: build — the last build matches the sources; skipped");
} else {
  await runPhase({
    label: "build: next build (first run: 2–6 minutes)",
    command: BUILD_COMMAND[0],
    args: BUILD_COMMAND[1],
  });
  writeBuildStamp(hash);
}

console.log("portico: [4/4] serve");
// Imported only now: it needs the dependencies phase 1 may just have installed.
const { serveBuild } = await import("./lib/serve.mjs");
await serveBuild({ port, started });
