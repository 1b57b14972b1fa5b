// The last phase of `npm start`, and all of `npm run serve`: the built app on one port, in PORTICO_WEB_CONCURRENCY
// server processes (default: one per core). One process is `next start` run as a child. Several are node:cluster
// workers of this process, each running `next start` on the same port (this process accepts the connections and
// hands them out in turn). This process, the primary, then also:
// - keeps the per-request rate-limit counters of an embedded SQLite database, which the workers ask over IPC in
//   batches (lib/db/sqlite/cluster-rate-limits.ts), so a limit holds across processes;
// - relays credential changes (lib/auth/auth-generation.ts): when one process answers a revocation, every other
//   process has already dropped its cached credentials;
// - lets only the first process run the background loops (checks, webhooks, mail, retention), once per box;
// - passes SIGINT/SIGTERM/SIGHUP to every process and exits when all have drained, and starts a new process in place
//   of one that died after it was serving.
import { spawn } from "node:child_process";
import cluster from "node:cluster";
import {
  exitLike,
  formatElapsed,
  forwardSignals,
  nextBin,
  nextStartArgs,
  nextStartCommand,
  SERVER_NODE_FLAGS,
} from "./setup.mjs";

/** Processes after the first leave the background loops to it (the switches an operator would set). */
const LOOPS_OFF = { PORTICO_DISABLE_SCHEDULER: "1", PORTICO_DISABLE_WORKERS: "1", PORTICO_DISABLE_RETENTION: "1" };
/** The IPC channel of credential changes; lib/auth/auth-generation.ts speaks the other end. */
const AUTH_CHANGE_CHANNEL = "portico:auth-generation";
/** A process that keeps dying is not restarted forever: past this many restarts a minute, everything stops. */
const MAX_RESTARTS_PER_MINUTE = 5;

/** Loads one of lib/'s modules (through tsx: this launcher is plain JavaScript). */
async function importLib(modulePath) {
  const { tsImport } = await import("tsx/esm/api");
  return tsImport(`../../lib/${modulePath}`, import.meta.url);
}

/** PORTICO_WEB_CONCURRENCY, by lib/config.ts's own rule. */
async function readProcessCount() {
  const { readWebConcurrency } = await importLib("config.ts");
  return readWebConcurrency(process.env);
}

/**
 * Serves the build on `port` (every interface, or `host` only) and announces each server pid and readiness; this
 * process exits the way the servers did. `started` is when the launch began, for the elapsed time.
 */
export async function serveBuild({ port, host, started = Date.now() }) {
  let processes;
  try {
    processes = await readProcessCount();
  } catch (error) {
    console.error(`portico: ${error.message}`);
    process.exit(1);
  }
  const servers =
    processes === 1
      ? startOneServer({ port, host })
      : startCluster({ port, host, processes, ...(await importLib("db/sqlite/cluster-rate-limits.ts")) });
  let ended = false;
  servers.exited.then((outcome) => {
    ended = true;
    exitLike(outcome);
  });
  servers.pids().forEach((pid, index) => {
    const role = index === 0 ? "runs the background loops" : "serves requests only";
    console.log(`portico: server pid ${pid}${processes > 1 ? ` (process ${index + 1} of ${processes}, ${role})` : ""}`);
  });

  // Ready once every process listens and the app answers its liveness probe.
  await servers.listening;
  const probe = `http://${host ?? "127.0.0.1"}:${port}/api/health`;
  while (!ended) {
    try {
      if ((await fetch(probe)).ok) {
        const processesNote = processes > 1 ? `, ${processes} server processes` : "";
        console.log(
          `portico: serve — ready on http://localhost:${port} after ${formatElapsed(Date.now() - started)}${processesNote}`,
        );
        console.log("portico: sign in with the admin account printed above on first start, or create one with");
        console.log("         npm run cli -- user:create --email you@example.com --password '…' --role admin");
        return;
      }
    } catch {
      // not answering yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

function startOneServer({ port, host }) {
  const [command, args] = nextStartCommand({ port, host });
  const child = spawn(command, args, { stdio: "inherit" });
  forwardSignals(child);
  return {
    pids: () => [child.pid],
    listening: Promise.resolve(),
    exited: new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal }))),
  };
}

function startCluster({ port, host, processes, answerClusterRateLimits }) {
  cluster.setupPrimary({ exec: nextBin(), args: nextStartArgs({ port, host }), execArgv: SERVER_NODE_FLAGS });
  answerClusterRateLimits();
  relayCredentialChanges();
  /** Live workers, in start order, with the slot each fills (slot 0 runs the loops). */
  const slots = new Map();
  const restarts = [];
  let stopping = false;
  let outcome;
  let resolveExited;
  const exited = new Promise((resolve) => (resolveExited = resolve));
  let notListening = processes;
  let resolveListening;
  const listening = new Promise((resolve) => (resolveListening = resolve));

  const stop = (signal) => {
    stopping = true;
    for (const worker of slots.keys()) if (!worker.isDead()) worker.process.kill(signal);
  };
  const fork = (slot) => {
    const worker = cluster.fork(slot === 0 ? {} : LOOPS_OFF);
    const state = { slot, serving: false };
    slots.set(worker, state);
    worker.once("listening", () => {
      state.serving = true;
      if (--notListening === 0) resolveListening();
    });
  };

  cluster.on("exit", (worker, code, signal) => {
    const { slot, serving } = slots.get(worker);
    slots.delete(worker);
    const how = signal ?? `exit code ${code}`;
    if (!stopping) {
      const now = Date.now();
      while (restarts.length && now - restarts[0] > 60_000) restarts.shift();
      if (serving && restarts.length < MAX_RESTARTS_PER_MINUTE) {
        restarts.push(now);
        console.log(`portico: server process ${worker.process.pid} ended (${how}); starting another in its place`);
        fork(slot);
        return;
      }
      console.error(`portico: server process ${worker.process.pid} ended (${how}); stopping the others`);
      outcome = { code: code || 1, signal };
      stop("SIGTERM");
    }
    outcome ??= { code, signal };
    if (slots.size === 0) resolveExited(outcome);
  });
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(signal, () => stop(signal));
  for (let slot = 0; slot < processes; slot++) fork(slot);
  return { pids: () => [...slots.keys()].map((worker) => worker.process.pid), listening, exited };
}

/**
 * A worker that committed a credential change says so ("changed"); every other worker drops its cached
 * credentials ("bump") and confirms ("bumped"); then the first hears "relayed" and may answer its request.
 * A worker that dies meanwhile is not waited for.
 */
function relayCredentialChanges() {
  const pending = new Map();
  let lastRelay = 0;
  const settle = (relayId) => {
    const relay = pending.get(relayId);
    if (!relay || relay.waitingFor.size > 0) return;
    pending.delete(relayId);
    if (relay.from.isConnected()) relay.from.send({ channel: AUTH_CHANGE_CHANNEL, type: "relayed", id: relay.id });
  };
  cluster.on("message", (worker, message) => {
    if (message?.channel !== AUTH_CHANGE_CHANNEL) return;
    if (message.type === "changed") {
      const relayId = ++lastRelay;
      const others = Object.values(cluster.workers ?? {}).filter((w) => w && w !== worker && w.isConnected());
      pending.set(relayId, { from: worker, id: message.id, waitingFor: new Set(others) });
      for (const other of others) other.send({ channel: AUTH_CHANGE_CHANNEL, type: "bump", relayId });
      settle(relayId);
    } else if (message.type === "bumped") {
      pending.get(message.relayId)?.waitingFor.delete(worker);
      settle(message.relayId);
    }
  });
  cluster.on("exit", (worker) => {
    for (const [relayId, relay] of pending) {
      relay.waitingFor.delete(worker);
      settle(relayId);
    }
  });
}
