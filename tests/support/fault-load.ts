// Load for the fault suite: loops of real HTTP requests that run until told to stop, and what they saw.

export interface LoadLoops {
  stop: () => Promise<void>;
}

/** Runs each `step` in its own loop until `stop()`; a step's own errors are its business (it records them). */
export function startLoops(steps: Array<() => Promise<void>>): LoadLoops {
  let running = true;
  const loops = steps.map(async (step) => {
    while (running) {
      await step().catch(() => undefined);
      await new Promise((resolve) => setImmediate(resolve));
    }
  });
  return {
    stop: async () => {
      running = false;
      await Promise.all(loops);
    },
  };
}

export interface TimedResponse {
  status: number;
  body: string;
  contentType: string;
  ms: number;
}

/** One request with a hard bound; a connection failure or the bound passing yields status 0 and the error. */
export async function timedFetch(
  url: string,
  init: RequestInit & { boundMs: number },
): Promise<TimedResponse & { error?: string }> {
  const started = Date.now();
  try {
    const response = await fetch(url, { ...init, signal: AbortSignal.timeout(init.boundMs) });
    const body = await response.text();
    return {
      status: response.status,
      body,
      contentType: response.headers.get("content-type") ?? "",
      ms: Date.now() - started,
    };
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    return { status: 0, body: "", contentType: "", ms: Date.now() - started, error: cause ?? (error as Error).name };
  }
}

/** Resident memory of a process in MB (Linux /proc), or 0 when it is gone. */
export async function readRssMb(pid: number | undefined): Promise<number> {
  if (!pid) return 0;
  const { readFile } = await import("node:fs/promises");
  const status = await readFile(`/proc/${pid}/status`, "utf8").catch(() => "");
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 1024);
}

/** The contract's error JSON: `{error, message}` strings. */
export function isContractError(response: { body: string; contentType: string }): boolean {
  if (!response.contentType.startsWith("application/json")) return false;
  try {
    const body = JSON.parse(response.body);
    return typeof body.error === "string" && typeof body.message === "string";
  } catch {
    return false;
  }
}
