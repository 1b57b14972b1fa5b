// Shared by `npm start`, `npm run worker`, `npm test` and the benchmarks: make a fresh clone runnable with Node and npm,
// build only when the build inputs changed, start servers with the same flags, and never leave a child behind.
import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
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

export function formatElapsed(ms) {
  const seconds = Math.round(ms / 100) / 10;
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  return `${Math.floor(seconds / 60)} min ${String(Math.round(seconds % 60)).padStart(2, "0")} s`;
}

/**
 * Runs one start-up phase as a child process with its output passed through, announcing it, printing a heartbeat
 * every 30 s (an `npm ci` that compiles better-sqlite3 or a first `next build` can be silent for minutes) and its
 * elapsed time at the end. Exits this process with the child's code when it fails.
 */
export async function runPhase({ label, command, args, env = {} }) {
  const started = Date.now();
  console.log(`portico: ${label}…`);
  const child = spawn(command, args, { stdio: "inherit", env: { ...process.env, ...env } });
  const stopForwarding = forwardSignals(child);
  const heartbeat = setInterval(
    () => console.log(`portico: ${label} — still running (${formatElapsed(Date.now() - started)})`),
    30_000,
  );
  const { code, signal } = await new Promise((resolve) =>
    child.once("exit", (exitCode, exitSignal) => resolve({ code: exitCode, signal: exitSignal })),
  );
  clearInterval(heartbeat);
  stopForwarding();
  if (code !== 0) {
    console.error(`\nportico: ${label} failed (\`${command} ${args.join(" ")}\` exited with ${signal ?? code})`);
    exitLike({ code, signal });
  }
  console.log(`portico: ${label} — done in ${formatElapsed(Date.now() - started)}`);
}

/** Exits this process the way a child ended: its exit code, or the conventional 128 + n for a signal. */
export function exitLike({ code, signal }) {
  if (signal) {
    const number = { SIGHUP: 1, SIGINT: 2, SIGKILL: 9, SIGTERM: 15 }[signal] ?? 0;
    process.exit(128 + number);
  }
  process.exit(code ?? 1);
}

/**
 * SIGINT, SIGTERM and SIGHUP sent to this launcher go on to `child`, which decides when to exit (a server drains its
 * requests and leases first); the launcher exits when the child does. Returns a function that stops forwarding.
 */
export function forwardSignals(child) {
  const handlers = ["SIGINT", "SIGTERM", "SIGHUP"].map((signal) => {
    const handler = () => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    };
    process.on(signal, handler);
    return [signal, handler];
  });
  return () => {
    for (const [signal, handler] of handlers) process.off(signal, handler);
  };
}

const INSTALL_STAMP = "node_modules/.portico-lock-hash";

/** The lockfile and the patches applied to node_modules after install (patch-package, patches/). */
function lockfileHash() {
  const hash = createHash("sha256").update(readFileSync("package-lock.json"));
  for (const file of listFiles("patches")) hash.update(`${file}\0`).update(readFileSync(file));
  return hash.digest("hex");
}

/**
 * Whether `npm ci` is needed: node_modules is missing, or was installed from another package-lock.json or patches/
 * (their hash is noted after each install; without the note, an install older than the lockfile counts as stale).
 * Content, not mtimes alone: a checkout or merge touches the lockfile without changing it.
 */
export function dependenciesNeedInstall() {
  const installed = mtime("node_modules/.package-lock.json");
  if (!installed) return true;
  if (existsSync(INSTALL_STAMP)) return readFileSync(INSTALL_STAMP, "utf8").trim() !== lockfileHash();
  return installed < mtime("package-lock.json");
}

export function writeInstallStamp() {
  writeFileSync(INSTALL_STAMP, `${lockfileHash()}\n`);
}

/** `npm ci` when dependencies are missing or stale; Prisma clients via postinstall. */
export function ensureDependencies() {
  if (dependenciesNeedInstall()) {
    console.log("portico: installing dependencies (npm ci)…");
    runOrExit("npm", ["ci", "--no-audit", "--no-fund"]);
    writeInstallStamp();
  }
  ensurePrismaClients();
}

export function ensurePrismaClients() {
  if (!existsSync("lib/generated/sqlite/client.ts") || !existsSync("lib/generated/postgresql/client.ts")) {
    runOrExit("node", ["scripts/prisma-generate.mjs"]);
  }
}

/** Everything `next build` reads from this repository. lib/generated is derived from prisma/ and left out. */
export const BUILD_INPUTS = [
  "app",
  "components",
  "lib",
  "prisma",
  "public",
  "instrumentation.ts",
  "proxy.ts",
  "next.config.mjs",
  "package-lock.json",
  "patches",
  "postcss.config.mjs",
  "tsconfig.json",
];

const SKIPPED_FOLDERS = new Set(["generated", "node_modules", ".next"]);

function listFiles(target) {
  if (!existsSync(target)) return [];
  if (!statSync(target).isDirectory()) return [target];
  return readdirSync(target)
    .filter((entry) => !SKIPPED_FOLDERS.has(entry))
    .sort()
    .flatMap((entry) => listFiles(path.join(target, entry)));
}

/**
 * A SHA-256 over the path and content of every build input (and the Node version). Content, not
 * mtimes: a fresh clone, a checkout or a touch changes mtimes without changing what would be built.
 */
export function computeBuildHash() {
  const hash = createHash("sha256");
  hash.update(`node ${process.versions.node}\0`);
  for (const file of BUILD_INPUTS.flatMap(listFiles)) {
    hash.update(`${file}\0`);
    hash.update(readFileSync(file));
    hash.update("\0");
  }
  return hash.digest("hex");
}

function distDir() {
  return process.env.PORTICO_DIST_DIR ?? ".next";
}

function buildStampFile() {
  return path.join(distDir(), "portico-build-hash");
}

/** Whether the build folder holds a complete build of exactly these sources. */
export function buildIsCurrent(hash = computeBuildHash()) {
  if (!existsSync(path.join(distDir(), "BUILD_ID"))) return false;
  try {
    return readFileSync(buildStampFile(), "utf8").trim() === hash;
  } catch {
    return false;
  }
}

/** Marks the build folder as built from `hash`; written only after `next build` succeeded. */
export function writeBuildStamp(hash) {
  writeFileSync(buildStampFile(), `${hash}\n`);
}

export const BUILD_COMMAND = ["node_modules/.bin/next", ["build"]];

/** Synchronous build-if-needed, for the benchmarks and tests; `npm start` uses runPhase for its progress lines. */
export function ensureBuild() {
  const hash = computeBuildHash();
  if (buildIsCurrent(hash)) {
    console.log("portico: the build matches the sources; reusing it");
    return;
  }
  console.log("portico: building (next build)…");
  const started = Date.now();
  runOrExit(BUILD_COMMAND[0], BUILD_COMMAND[1], { env: { NEXT_TELEMETRY_DISABLED: "1" } });
  writeBuildStamp(hash);
  console.log(`portico: built in ${formatElapsed(Date.now() - started)}`);
}

/**
 * Node flags of every Portico server (`npm start`, tests, benchmarks), so what is measured is what runs.
 * A 32 MB young-generation semi-space (V8's default tops out at 16 MB): Next allocates a few hundred KB per request,
 * and scavenging half as often cut the server's CPU per request markedly in bench:tokens; costs ≤ 48 MB of RSS.
 */
export const SERVER_NODE_FLAGS = ["--max-semi-space-size=32"];

/** Next's own CLI script: `next start` runs in the process that executes it (no child of its own). */
export function nextBin() {
  return path.join(process.cwd(), "node_modules", "next", "dist", "bin", "next");
}

/** The arguments after Next's CLI script: `start -p <port> [-H host]`. */
export function nextStartArgs({ port, host }) {
  const args = ["start", "-p", String(port)];
  return host ? [...args, "-H", host] : args;
}

/** `node <flags> next start -p <port> [-H host]` as [command, args]. */
export function nextStartCommand({ port, host, extraNodeFlags = [] }) {
  return [process.execPath, [...SERVER_NODE_FLAGS, ...extraNodeFlags, nextBin(), ...nextStartArgs({ port, host })]];
}
