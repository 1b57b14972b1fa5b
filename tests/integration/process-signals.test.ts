// `npm start` and `npm run worker` as an operator runs them: a signal to the npm process reaches the server, which
// finishes the request in flight before exiting, and nothing is left running afterwards.
import { type ChildProcess, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { randomSecret } from "@/lib/crypto/random";
import { createMonitoredServiceRow, createPartner } from "../support/factories";
import { type PartnerServer, startPartnerServer } from "../support/partner-server";
import { getFreePort } from "../support/server";
import { waitFor } from "../support/worker-process";

// Other test files share this database: these servers leave its background work to the suite's own server.
const QUIET_LOOPS = { PORTICO_DISABLE_SCHEDULER: "1", PORTICO_DISABLE_WORKERS: "1", PORTICO_DISABLE_RETENTION: "1" };
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

afterEach(async () => {
  // SIGTERM first (the launcher passes it on), so nothing it started is left behind.
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill("SIGTERM");
  await Promise.all(partnerServers.splice(0).map((server) => server.close()));
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
  it("npm start forwards SIGTERM: the request in flight completes, then server and launcher exit", async () => {
    const port = await getFreePort();
    const started = spawnNpm(["start"], { PORT: String(port), ...QUIET_LOOPS });
    const serverPid = Number(
      (await waitFor(
        () => /server pid (\d+)/.exec(started.output())?.[1],
        120_000,
        `the server pid:\n${started.output()}`,
      )) as string,
    );
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
    await waitFor(() => !isAlive(serverPid), 10_000, "the server process to exit");
    await expect(fetch(`http://127.0.0.1:${port}/api/health`)).rejects.toThrow();
    expect(started.output()).toContain("SIGTERM: finishing the requests");
  }, 180_000);

  it("a server whose launcher was SIGKILLed shuts itself down instead of running on as an orphan", async () => {
    const port = await getFreePort();
    const started = spawnNpm(["start"], { PORT: String(port), ...QUIET_LOOPS });
    const serverPid = Number(
      (await waitFor(
        () => /server pid (\d+)/.exec(started.output())?.[1],
        120_000,
        `the server pid:\n${started.output()}`,
      )) as string,
    );
    await waitFor(() => started.output().includes("ready on"), 60_000, "readiness");
    // The server's parent is scripts/start.mjs (npm execs it); SIGKILL gives it no chance to pass anything on.
    const launcherPid = readParent(serverPid);
    expect(launcherPid).not.toBe(process.pid);
    process.kill(launcherPid, "SIGKILL");
    await waitFor(() => !isAlive(serverPid), 15_000, "the orphaned server to exit");
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

/** /proc/<pid>/stat is "pid (comm) state ppid …"; comm may hold spaces, so read after the last ")". */
function readParent(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
}
