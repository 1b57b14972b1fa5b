// A small closed-loop HTTP load generator (autocannon-like): N keep-alive connections, each sending its next
// request as soon as the previous answer arrives. Reports req/s and latency percentiles; non-2xx are counted.
import { readdirSync, readFileSync } from "node:fs";
import http from "node:http";

/** `pid` and its descendants, from /proc (Linux). */
function processTree(pid) {
  const parents = new Map();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const text = readFileSync(`/proc/${entry}/stat`, "utf8");
      parents.set(Number(entry), Number(text.slice(text.lastIndexOf(")") + 2).split(" ")[1]));
    } catch {}
  }
  const tree = [pid];
  for (let index = 0; index < tree.length; index++)
    for (const [child, parent] of parents) if (parent === tree[index]) tree.push(child);
  return tree;
}

/** One /proc/<pid>/… file of each process of the tree, summed by `read` (0 for a process gone meanwhile). */
function sumOverTree(pid, file, read) {
  let total = 0;
  for (const member of processTree(pid)) {
    try {
      total += read(readFileSync(`/proc/${member}/${file}`, "utf8"));
    } catch {}
  }
  return total;
}

/** CPU time (ms, user + system) used so far by `pid` and its descendants, from /proc (Linux). */
export function processTreeCpuMs(pid) {
  const ticks = sumOverTree(pid, "stat", (text) => {
    const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
    return Number(fields[11]) + Number(fields[12]);
  });
  return ticks * 10; // USER_HZ = 100 on Linux
}

/** Resident memory (bytes) of `pid` and its descendants now, from /proc (Linux). */
export function processTreeRssBytes(pid) {
  return sumOverTree(pid, "status", (text) => Number(/^VmRSS:\s+(\d+) kB/m.exec(text)?.[1] ?? 0) * 1024);
}

/**
 * @param {{ url: string, path: (i: number) => string, headers?: Record<string,string>, connections?: number,
 *           durationMs?: number, warmupMs?: number, cpuOf?: () => number }} options
 */
export async function runLoad(options) {
  const target = new URL(options.url);
  const connections = options.connections ?? 64;
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections, maxFreeSockets: connections });
  const latencies = [];
  let ok = 0;
  let failed = 0;
  let counter = 0;
  const statuses = {};
  let measuring = false;
  let stopping = false;

  function once() {
    const index = counter++;
    const started = process.hrtime.bigint();
    return new Promise((resolve) => {
      const request = http.request(
        {
          host: target.hostname,
          port: target.port,
          path: options.path(index),
          method: "GET",
          agent,
          headers: options.headers,
        },
        (response) => {
          response.on("data", () => {});
          response.on("end", () => {
            if (measuring) {
              latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
              statuses[response.statusCode] = (statuses[response.statusCode] ?? 0) + 1;
              if (response.statusCode >= 200 && response.statusCode < 300) ok++;
              else failed++;
            }
            resolve();
          });
        },
      );
      request.on("error", () => {
        if (measuring) failed++;
        resolve();
      });
      request.end();
    });
  }

  async function loop() {
    while (!stopping) await once();
  }

  const loops = Array.from({ length: connections }, loop);
  await new Promise((resolve) => setTimeout(resolve, options.warmupMs ?? 2000));
  const cpuBefore = options.cpuOf?.();
  measuring = true;
  const started = performance.now();
  await new Promise((resolve) => setTimeout(resolve, options.durationMs ?? 10_000));
  measuring = false;
  const cpuAfter = options.cpuOf?.();
  const elapsed = (performance.now() - started) / 1000;
  stopping = true;
  await Promise.all(loops);
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const pick = (q) =>
    latencies.length ? latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] : NaN;
  return {
    requests_per_second: Math.round((ok / elapsed) * 10) / 10,
    p50_ms: Math.round(pick(0.5) * 10) / 10,
    p99_ms: Math.round(pick(0.99) * 10) / 10,
    ok,
    failed,
    statuses,
    // Server CPU (user + system, whole process tree) per successful request: independent of other load on the box.
    cpu_ms_per_request: cpuBefore !== undefined && ok ? Math.round(((cpuAfter - cpuBefore) / ok) * 1000) / 1000 : null,
  };
}
