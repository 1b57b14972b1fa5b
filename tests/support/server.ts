// Starts the built Portico (`next start`, or the cluster of several) as a real child process on a free port.
import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
// @ts-expect-error plain ESM helper without types
import { nextStartCommand } from "../../scripts/lib/setup.mjs";

export async function getFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface RunningServer {
  baseUrl: string;
  process: ChildProcess;
  output: () => string;
  stop: () => Promise<void>;
}

/**
 * `processes` > 1: the cluster `npm start` runs (scripts/serve.mjs with PORTICO_WEB_CONCURRENCY), ready once every
 * process listens; `process` is then its primary, and stopping it stops them all.
 */
export async function startPortico(options: {
  env: Record<string, string>;
  port?: number;
  processes?: number;
}): Promise<RunningServer> {
  const port = options.port ?? (await getFreePort());
  const processes = options.processes ?? 1;
  // PORTICO_SERVER_NODE_ARGS: extra node flags for the server (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" to profile
  // a benchmark's server; NODE_OPTIONS refuses --cpu-prof).
  const extraNodeFlags = process.env.PORTICO_SERVER_NODE_ARGS?.split(" ").filter(Boolean) ?? [];
  const [command, args] =
    processes === 1
      ? nextStartCommand({ port, host: "127.0.0.1", extraNodeFlags })
      : [process.execPath, ["scripts/serve.mjs", "--host", "127.0.0.1"]];
  const child = spawn(command, args, {
    env: { ...process.env, ...options.env, PORT: String(port), PORTICO_WEB_CONCURRENCY: String(processes) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk) => (output += chunk));
  child.stderr?.on("data", (chunk) => (output += chunk));
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`Portico exited with ${child.exitCode}:\n${output}`);
    try {
      const response = await fetch(`${baseUrl}/api/health`);
      if (response.ok && (processes === 1 || output.includes("ready on"))) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`Portico did not become healthy within 60 s:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    baseUrl,
    process: child,
    output: () => output,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}
