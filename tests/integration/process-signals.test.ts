// `npm start` and `npm run worker` as an operator runs them: a signal to the npm process reaches every server process,
// which finishes the request in flight before exiting, and nothing is left running afterwards. With several server
// processes (PORTICO_WEB_CONCURRENCY), only the first runs the background loops.
import { type ChildProcess, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { randomSecret } from "@/lib/crypto/random";
import { createMonitoredServiceRow, createPartner } from "../support/factories";
import { type PartnerServer, startPartnerServer } from "../support/partner-server";
import { getFreePort } from "../support/server";
import { QUIET_LOOPS } from "../support/test-env";
import { waitFor } from "../support/worker-process";

const children: ChildProcess[] = [];
const partnerServers: PartnerServer[] = [];
// `npm start` would install or build first when the worktree is stale: that is not this test's business (and killing
// it mid-install would leave node_modules half-removed). `npm test` installs and builds before any suite runs.
beforeAll(async () => {
  // @ts-expect-error plain ESM helper without types
  const setup = await import("../../scripts/lib/setup.mjs");
  if (setup.dependenciesNeedInstall() || !setup.buildIsCurrent()) {
    throw new Error("node_modules or the build is stale: run `npm start` (or `npm test`) once before this file");
  }
});

const cleanups: Array<() => void> = [];

afterEach(async () => {
  // SIGTERM first (the launcher passes it on), so nothing it started is left behind.
  const exits = children.splice(0).map((child) => {
    if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
    child.kill("SIGTERM");
    return new Promise((resolve) => child.once("exit", resolve));
  });
  await Promise.all([...exits, ...partnerServers.splice(0).map((server) => server.close())]);
  for (const cleanup of cleanups.splice(0)) cleanup();
});

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function spawnNpm(args: string[], env: Record<string, string>) {
  const child = spawn("npm", args, { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  children.push(child);
  let output = "";
  child.stdout?.on("data", (chunk) => (output += chunk));
  child.stderr?.on("data", (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { child, output: () => output, exited };
}

describe("process signals", () => {
  it.each([1, 2])(
    "npm start with %i server process(es) forwards SIGTERM: the request in flight completes, then servers and launcher exit",
    async (processes) => {
      const port = await getFreePort();
      const started = spawnNpm(["start"], {
        PORT: String(port),
        PORTICO_WEB_CONCURRENCY: String(processes),
        ...QUIET_LOOPS,
      });
      const serverPids = await waitForServerPids(started.output, processes);
      await waitFor(() => started.output().includes("ready on"), 60_000, `readiness:\n${started.output()}`);
      expect(started.output()).toMatch(
        /\[1\/4\] install[\s\S]*\[2\/4\] migrate[\s\S]*\[3\/4\] build[\s\S]*\[4\/4\] serve/,
      );
      expect(started.output()).toMatch(/migrate: applying pending database migrations — done in [\d.]+ s/);

      // A check against a partner that answers after 1.5 s is in flight when SIGTERM arrives.
      const partner = await createPartner();
      const serviceId = randomUUID();
      const secret = randomSecret(32);
      const partnerServer = await startPartnerServer({
        defaultIdentity: { serviceId, secret, version: "1.0.0", delayMs: 1500 },
      });
      partnerServers.push(partnerServer);
      const service = await createMonitoredServiceRow({
        partnerId: partner.partnerId,
        url: `${partnerServer.origin}/app`,
        serviceId,
        secret,
      });
      const inFlight = fetch(`http://127.0.0.1:${port}/api/v1/services/${service.id}/check`, {
        method: "POST",
        headers: { authorization: `Bearer ${partner.apiToken}` },
      });
      await waitFor(() => partnerServer.totalRequests() > 0, 10_000, "the check to reach the partner");
      started.child.kill("SIGTERM");

      const response = await inFlight;
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ status: "live" });
      expect(await started.exited).not.toBeNull();
      await waitFor(() => serverPids.every((pid) => !isAlive(pid)), 10_000, "every server process to exit");
      await expect(fetch(`http://127.0.0.1:${port}/api/health`)).rejects.toThrow();
      const drained = started.output().match(/SIGTERM: finishing the requests/g) ?? [];
      expect(drained).toHaveLength(processes);
    },
    180_000,
  );

  it("two server processes on their own database: the first alone runs the background loops, and both shut down when the launcher is SIGKILLed", async () => {
    const port = await getFreePort();
    // Its own database, so that its loops do not take work from the suite's server.
    const dataDir = mkdtempSync(path.join(tmpdir(), "portico-signals-"));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const started = spawnNpm(["start"], {
      PORT: String(port),
      PORTICO_WEB_CONCURRENCY: "2",
      PORTICO_DATA_DIR: dataDir,
      DATABASE_URL: `file:${path.join(dataDir, "portico.db")}`,
    });
    const serverPids = await waitForServerPids(started.output, 2);
    await waitFor(() => started.output().includes("ready on"), 60_000, "readiness");
    const loopLines = await waitFor(
      () => {
        const lines = [...started.output().matchAll(/background loops in process (\d+): (.*)/g)];
        return lines.length === 2 && lines;
      },
      30_000,
      `both processes' loop lines:\n${started.output()}`,
    );
    const loopsByPid = new Map(loopLines.map((line) => [Number(line[1]), line[2]]));
    expect(loopsByPid.get(serverPids[0] as number)).toBe("checks, webhooks, mail, retention");
    expect(loopsByPid.get(serverPids[1] as number)).toBe("none");
    // The servers' parent is scripts/start.mjs (npm execs it); SIGKILL gives it no chance to pass anything on.
    const launcherPid = readParent(serverPids[0] as number);
    expect(launcherPid).not.toBe(process.pid);
    expect(readParent(serverPids[1] as number)).toBe(launcherPid);
    process.kill(launcherPid, "SIGKILL");
    await waitFor(() => serverPids.every((pid) => !isAlive(pid)), 15_000, "the orphaned servers to exit");
  }, 180_000);

  it("npm run worker exits on SIGTERM once its loops have stopped, leaving no process behind", async () => {
    const worker = spawnNpm(["run", "worker"], {});
    await waitFor(() => worker.output().includes('"pid"'), 60_000, `the worker start line:\n${worker.output()}`);
    const workerPid = Number(JSON.parse(/\{.*"pid".*\}/.exec(worker.output())?.[0] ?? "{}").pid);
    worker.child.kill("SIGTERM");
    await worker.exited;
    await waitFor(() => !isAlive(workerPid), 10_000, "the worker process to exit");
    expect(worker.output()).toContain('"stopped"');
  }, 120_000);
});

/** The pids `npm start` announces, one line per server process, in start order. */
async function waitForServerPids(output: () => string, count: number): Promise<number[]> {
  const pids = () => [...output().matchAll(/server pid (\d+)/g)].map((match) => Number(match[1]));
  await waitFor(() => pids().length === count, 120_000, `${count} server pids:\n${output()}`);
  return pids();
}

/** /proc/<pid>/stat is "pid (comm) state ppid …"; comm may hold spaces, so read after the last ")". */
function readParent(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
}
