// `scripts/worker.ts` as a real child process, for the multi-worker tests: spawned as `npm run worker` runs it (tsx),
// but without npm's and tsx's wrapper processes, so a SIGKILL hits the worker itself.
import { type ChildProcess, spawn } from "node:child_process";

export interface WorkerProcess {
  child: ChildProcess;
  output: () => string;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `probe` every 50 ms until it returns a truthy value; throws naming `what` after `timeoutMs`. */
export async function waitFor<T>(
  probe: () => Promise<T | undefined | false> | T | undefined | false,
  timeoutMs: number,
  what: string,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

/** Starts `scripts/worker.ts` (every loop, or `--only=<loop>`) and resolves once it printed its start line. */
export async function startWorkerProcess(options: {
  only?: "checks" | "webhooks";
  env: Record<string, string>;
  timeoutMs: number;
}): Promise<WorkerProcess> {
  const only = options.only ? [`--only=${options.only}`] : [];
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/worker.ts", ...only], {
    env: { ...process.env, ...options.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk) => (output += chunk));
  child.stderr?.on("data", (chunk) => (output += chunk));
  const startKey = options.only === "webhooks" ? '"webhook_worker"' : '"worker"';
  try {
    await waitFor(() => output.includes(startKey) || child.exitCode !== null, options.timeoutMs, "worker start");
  } catch (error) {
    child.kill("SIGKILL"); // not left running when the test that wanted it fails
    throw error;
  }
  if (child.exitCode !== null) throw new Error(`worker exited: ${output}`);
  return { child, output: () => output };
}

export function stopWorkerProcess(worker: WorkerProcess, signal: NodeJS.Signals = "SIGTERM"): Promise<void> {
  return new Promise((resolve) => {
    if (worker.child.exitCode !== null || worker.child.signalCode !== null) return resolve();
    worker.child.once("exit", () => resolve());
    worker.child.kill(signal);
  });
}

/** The named counters a worker printed when it stopped gracefully; fails the test when one is missing. */
export function readStoppedStats<C extends string>(worker: WorkerProcess, counters: readonly C[]): Record<C, number> {
  const line = worker
    .output()
    .split("\n")
    .find((entry) => entry.includes('"stopped"'));
  const printed = JSON.parse(line ?? "{}") as Record<string, unknown>;
  return Object.fromEntries(
    counters.map((counter) => {
      const value = printed[counter];
      if (typeof value !== "number") throw new Error(`the worker printed no "${counter}" when it stopped:\n${line}`);
      return [counter, value];
    }),
  ) as Record<C, number>;
}
