// Shared by `npm start` and `npm test`: make a fresh clone runnable with only Node and npm present.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

export function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: "inherit", ...options, env: { ...process.env, ...options.env } });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

export function runOrExit(command, args, options) {
  const status = run(command, args, options);
  if (status !== 0) {
    console.error(`\nportico: \`${command} ${args.join(" ")}\` failed with exit code ${status}`);
    process.exit(status);
  }
}

function mtime(file) {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}

function newestIn(target) {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(target)) {
    if (entry === "generated" || entry === "node_modules") continue;
    newest = Math.max(newest, newestIn(path.join(target, entry)));
  }
  return newest;
}

/** `npm ci` when dependencies are missing or older than the lockfile; Prisma clients via postinstall. */
export function ensureDependencies() {
  const installed = mtime("node_modules/.package-lock.json");
  if (!installed || installed < mtime("package-lock.json")) {
    console.log("portico: installing dependencies (npm ci)…");
    runOrExit("npm", ["ci", "--no-audit", "--no-fund"]);
  } else if (!existsSync("lib/generated/sqlite/client.ts") || !existsSync("lib/generated/postgresql/client.ts")) {
    runOrExit("node", ["scripts/prisma-generate.mjs"]);
  }
}

const BUILD_INPUTS = [
  "app",
  "components",
  "lib",
  "prisma",
  "public",
  "instrumentation.ts",
  "next.config.mjs",
  "package-lock.json",
  "postcss.config.mjs",
];

/**
 * Node flags of every Portico server (`npm start`, tests, benchmarks), so what is measured is what runs.
 * A 32 MB young-generation semi-space (V8's default tops out at 16 MB): Next allocates a few hundred KB per request,
 * and scavenging half as often cut the server's CPU per request markedly in bench:tokens; costs ≤ 48 MB of RSS.
 */
export const SERVER_NODE_FLAGS = ["--max-semi-space-size=32"];

/** `node <flags> next start -p <port> [-H host]` as [command, args]. */
export function nextStartCommand({ port, host, extraNodeFlags = [] }) {
  const nextBin = path.join(process.cwd(), "node_modules", "next", "dist", "bin", "next");
  const args = [...SERVER_NODE_FLAGS, ...extraNodeFlags, nextBin, "start", "-p", String(port)];
  return [process.execPath, host ? [...args, "-H", host] : args];
}

export function ensureBuild({ force = false } = {}) {
  const built = mtime(`${process.env.PORTICO_DIST_DIR ?? ".next"}/BUILD_ID`);
  const newestSource = Math.max(...BUILD_INPUTS.map(newestIn));
  if (force || !built || built < newestSource) {
    console.log("portico: building…");
    runOrExit("node_modules/.bin/next", ["build"], { env: { NEXT_TELEMETRY_DISABLED: "1" } });
  }
}
