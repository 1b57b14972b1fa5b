// `npm start`: install → migrate → build → serve, each phase announced with its elapsed time. Every phase is skipped
// when already done (dependencies match the lockfile, no pending migration, the build matches the sources).
// SIGINT/SIGTERM go on to the server, which drains its requests and leases; this launcher exits with it.
import { spawn } from "node:child_process";
import {
  BUILD_COMMAND,
  buildIsCurrent,
  computeBuildHash,
  dependenciesNeedInstall,
  ensurePrismaClients,
  exitLike,
  formatElapsed,
  forwardSignals,
  nextStartCommand,
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
const [command, args] = nextStartCommand({ port });
const server = spawn(command, args, { stdio: "inherit" });
forwardSignals(server);
server.on("exit", (code, signal) => exitLike({ code, signal }));
console.log(`portico: server pid ${server.pid}`);

// Announce readiness (and the total start-up time) once the server answers its liveness probe.
for (;;) {
  if (server.exitCode !== null || server.signalCode !== null) break;
  try {
    if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) {
      console.log(`portico: serve — ready on http://localhost:${port} after ${formatElapsed(Date.now() - started)}`);
      console.log("portico: sign in with the admin account printed above on first start, or create one with");
      console.log("         npm run cli -- user:create --email you@example.com --password '…' --role admin");
      break;
    }
  } catch {
    // not listening yet
  }
  await new Promise((resolve) => setTimeout(resolve, 250));
}
