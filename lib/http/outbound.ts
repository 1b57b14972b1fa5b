// Portico's one client for partner-supplied URLs. Partners choose the URL, so every call is treated as a possible
// SSRF: the host must resolve only to public unicast addresses, and we connect to exactly the address we checked so a
// second, different DNS answer (rebinding) cannot steer the connection inside the network. Connections are kept alive
// and reused, but only for the exact validated address: every request still resolves and checks the name first.
import { lookup } from "node:dns/promises";
import http from "node:http";
import https from "node:https";
import { isIP, type LookupFunction } from "node:net";
import ipaddr from "ipaddr.js";
import { getConfig } from "@/lib/config";

export type OutboundErrorCode =
  | "invalid_url"
  | "blocked_target"
  | "timeout"
  | "too_large"
  | "redirect_blocked"
  | "network_error";

export class OutboundError extends Error {
  readonly code: OutboundErrorCode;
  constructor(code: OutboundErrorCode, message: string) {
    super(message);
    this.name = "OutboundError";
    this.code = code;
  }
}

export interface OutboundOptions {
  url: string;
  method?: "GET" | "POST";
  headers?: Record<string, string>;
  body?: string;
  timeoutMs?: number;
  maxResponseBytes?: number;
  /** Default false: a body over maxResponseBytes fails with too_large. True: keep its first bytes, set `truncated`. */
  truncateResponse?: boolean;
  allowPrivateTargets?: boolean;
  followRedirects?: number;
  /** Default true: reuse a kept-alive connection to the same validated address. False: a new connection, closed after. */
  reuseConnection?: boolean;
}

export interface OutboundResponse {
  status: number;
  headers: Headers;
  body: string;
  bodyBytes: number;
  /** The body was cut at maxResponseBytes (only with truncateResponse). */
  truncated: boolean;
  latencyMs: number;
  url: string;
}

type Received = Omit<OutboundResponse, "latencyMs" | "url">;
type Target = { host: string; address: string; family: number };
type Outgoing = { method: "GET" | "POST"; headers: Record<string, string>; body?: string };
type BodyLimit = { bytes: number; truncate: boolean };

// Keep-alive pool: one Agent per (protocol, validated address, port, TLS name). The Agent's own lookup is pinned to
// that address, so a pooled socket can only ever reach the address a request just validated again. Bounded: a few
// dozen sockets per target, idle sockets closed after a few seconds (before the usual 5 s server keep-alive), and the
// least recently used Agent evicted beyond POOL_MAX_AGENTS.
const POOL_MAX_AGENTS = 256;
const POOL_MAX_SOCKETS = 64;
const POOL_MAX_FREE_SOCKETS = 16;
const POOL_IDLE_MS = 4000;

interface PooledAgent {
  agent: http.Agent;
  active: number;
  evicted: boolean;
}

const pool = new Map<string, PooledAgent>();

const pinLookup =
  (target: Target): LookupFunction =>
  (_hostname, options, callback) =>
    options.all ? callback(null, [target]) : callback(null, target.address, target.family);

function acquireAgent(url: URL, target: Target): PooledAgent {
  const servername = isIP(target.host) ? "" : target.host;
  const key = `${url.protocol}|${target.address}|${url.port}|${servername}`;
  let entry = pool.get(key);
  // Deleted and set again below: the Map's insertion order doubles as least-recently-used order.
  if (entry) pool.delete(key);
  else {
    const options = {
      keepAlive: true,
      maxSockets: POOL_MAX_SOCKETS,
      maxFreeSockets: POOL_MAX_FREE_SOCKETS,
      timeout: POOL_IDLE_MS,
      lookup: pinLookup(target),
    };
    entry = {
      agent: url.protocol === "https:" ? new https.Agent(options) : new http.Agent(options),
      active: 0,
      evicted: false,
    };
    for (const [oldKey, old] of pool) {
      if (pool.size < POOL_MAX_AGENTS) break;
      pool.delete(oldKey);
      // An Agent with requests in flight is closed when its last one finishes, not under them.
      old.evicted = true;
      if (old.active === 0) old.agent.destroy();
    }
  }
  pool.set(key, entry);
  entry.active++;
  return entry;
}

function releaseAgent(entry: PooledAgent): void {
  entry.active--;
  if (entry.evicted && entry.active === 0) entry.agent.destroy();
}

/**
 * The request's deadline: once it passes, `expired` is set and the exchange in flight is destroyed (with its socket).
 * Lighter than an AbortController, whose listeners cost more than a pooled request's own work.
 */
class Deadline {
  expired = false;
  private cancel: (() => void) | undefined;

  /** Registers the exchange in flight; the returned function unregisters it once it has settled. */
  watch(cancel: () => void): () => void {
    this.cancel = cancel;
    return () => {
      if (this.cancel === cancel) this.cancel = undefined;
    };
  }

  expire(): void {
    this.expired = true;
    this.cancel?.();
  }
}

/** A kept-alive socket the server closed while it sat idle: the request never reached it and can be sent again. */
class StaleSocketError extends Error {}

// The statuses fetch follows; 300/304 and friends are answers, not redirects.
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

function parseUrl(raw: string, base?: URL): URL {
  const url = URL.canParse(raw, base) ? new URL(raw, base) : undefined;
  if (url?.protocol !== "http:" && url?.protocol !== "https:") {
    throw new OutboundError("invalid_url", "only absolute http: and https: URLs are allowed");
  }
  if (url.username || url.password) throw new OutboundError("invalid_url", "credentials in the URL are not allowed");
  return url;
}

// ipaddr.process turns IPv4-mapped IPv6 into IPv4, so ::ffff:127.0.0.1 is judged as the loopback it reaches.
const isPublicUnicast = (address: string) => ipaddr.isValid(address) && ipaddr.process(address).range() === "unicast";

async function resolveTarget(url: URL, allowPrivate: boolean): Promise<Target> {
  const host = url.hostname.replace(/^\[(.*)\]$/, "$1");
  const answers = isIP(host)
    ? [{ address: host, family: isIP(host) }]
    : await lookup(host, { all: true }).catch((error: Error) => {
        throw new OutboundError("network_error", `DNS lookup failed for ${host}: ${error.message}`);
      });
  // Any private answer blocks the name though we only dial the first: mixed answers are how rebinding starts.
  if (!allowPrivate && answers.some((answer) => !isPublicUnicast(answer.address))) {
    throw new OutboundError("blocked_target", `${host} resolves to a non-public address`);
  }
  if (!answers[0]) throw new OutboundError("network_error", `DNS lookup returned no address for ${host}`);
  return { host, ...answers[0] };
}

function send(
  url: URL,
  target: Target,
  out: Outgoing,
  limit: BodyLimit,
  deadline: Deadline,
  reuse: boolean,
): Promise<Received> {
  if (!reuse) return sendOnce(url, target, out, limit, deadline, undefined);
  const entry = acquireAgent(url, target);
  return sendOnce(url, target, out, limit, deadline, entry.agent)
    .catch((error: unknown) => {
      if (!(error instanceof StaleSocketError)) throw error;
      // Once, on a new connection: another pooled socket could be just as stale.
      return sendOnce(url, target, out, limit, deadline, undefined);
    })
    .finally(() => releaseAgent(entry));
}

function sendOnce(
  url: URL,
  target: Target,
  out: Outgoing,
  limit: BodyLimit,
  deadline: Deadline,
  agent: http.Agent | undefined,
): Promise<Received> {
  return new Promise((resolve, reject) => {
    if (deadline.expired) return reject(new OutboundError("timeout", "deadline passed before sending"));
    let settled = false;
    let responded = false;
    let unwatch = () => {};
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      unwatch();
      outcome();
    };
    const headers = { ...out.headers };
    if (out.body !== undefined) headers["content-length"] = String(Buffer.byteLength(out.body));
    const options: https.RequestOptions = {
      hostname: target.host,
      port: url.port || undefined,
      path: `${url.pathname}${url.search}`,
      method: out.method,
      headers,
      // A pooled Agent is keyed by the validated address and pins it itself; without one, a connection of our own
      // that closes after this exchange.
      agent: agent ?? false,
      // Hands the socket the address we validated instead of asking DNS again; Host and SNI keep the real name.
      lookup: pinLookup(target),
      servername: isIP(target.host) ? undefined : target.host,
    };
    const onResponse = (res: http.IncomingMessage) => {
      responded = true;
      // Destroying the request destroys its socket: a half-read response must never go back to the pool.
      const fail = (code: OutboundErrorCode, message: string) => {
        if (settled) return;
        settle(() => reject(new OutboundError(code, message)));
        req.destroy();
      };
      const tooLarge = `response body exceeds ${limit.bytes} bytes`;
      if (!limit.truncate && Number(res.headers["content-length"]) > limit.bytes) return fail("too_large", tooLarge);
      const chunks: Buffer[] = [];
      let size = 0;
      const finish = (truncated: boolean) => {
        if (settled) return;
        // Cannot throw: Node's strict parser already refused the names and values Headers would reject.
        const received = new Headers();
        // rawHeaders alternates names and values.
        for (const [index, name] of res.rawHeaders.entries()) {
          if (index % 2 === 0) received.append(name, res.rawHeaders[index + 1] ?? "");
        }
        const body = Buffer.concat(chunks).subarray(0, limit.bytes).toString("utf8");
        settle(() => resolve({ status: res.statusCode ?? 0, headers: received, body, bodyBytes: size, truncated }));
        // The rest is never read: the socket goes down with the request instead of back to the pool.
        if (truncated) req.destroy();
      };
      res.on("data", (chunk: Buffer) => {
        size += chunk.length;
        if (size <= limit.bytes) chunks.push(chunk);
        else if (limit.truncate) {
          chunks.push(chunk);
          finish(true);
        } else fail("too_large", tooLarge);
      });
      res.on("end", () => finish(false));
      // Also fires after "end", when the promise is settled and this is a no-op.
      res.on("close", () => fail("network_error", "connection closed before the response ended"));
    };
    let req: http.ClientRequest;
    try {
      req = (url.protocol === "https:" ? https : http).request(options, onResponse);
    } catch (error) {
      return reject(new OutboundError("network_error", `could not send the request: ${(error as Error).message}`));
    }
    // Destroying the request destroys its socket: an aborted exchange never goes back to the pool.
    unwatch = deadline.watch(() => req.destroy(new Error("deadline passed")));
    req.on("error", (error: NodeJS.ErrnoException) => {
      const stale =
        req.reusedSocket && !responded && !deadline.expired && (error.code === "ECONNRESET" || error.code === "EPIPE");
      settle(() =>
        reject(stale ? new StaleSocketError(error.message) : new OutboundError("network_error", error.message)),
      );
    });
    req.end(out.body);
  });
}

async function exchange(options: OutboundOptions, deadline: Deadline, started: number): Promise<OutboundResponse> {
  const allowPrivate = options.allowPrivateTargets ?? getConfig().allowPrivateTargets;
  const maxRedirects = options.followRedirects ?? 0;
  const headers: Record<string, string> = { "user-agent": "Portico/1.0 (+https://portico.dev)" };
  for (const [name, value] of Object.entries(options.headers ?? {})) {
    // Framing is computed from the body we actually send; a caller's value could contradict it.
    if (!/^(content-length|transfer-encoding)$/i.test(name)) headers[name.toLowerCase()] = value;
  }
  const out: Outgoing = { method: options.method ?? "GET", headers, body: options.body };
  let url = parseUrl(options.url);
  for (let hop = 0; ; hop++) {
    const target = await resolveTarget(url, allowPrivate);
    // DNS cannot be cancelled; without this a lookup ending after the deadline would still open a connection.
    if (deadline.expired) throw new OutboundError("timeout", "deadline passed during DNS lookup");
    const received = await send(
      url,
      target,
      out,
      { bytes: options.maxResponseBytes ?? 64 * 1024, truncate: options.truncateResponse ?? false },
      deadline,
      options.reuseConnection ?? true,
    );
    const result = { ...received, latencyMs: Math.round(performance.now() - started), url: url.href };
    const location = received.headers.get("location");
    if (!maxRedirects || !REDIRECT_STATUSES.has(received.status) || location === null) return result;
    const next = parseUrl(location, url);
    if (next.origin !== url.origin) throw new OutboundError("redirect_blocked", `redirect to ${next.origin} refused`);
    if (hop >= maxRedirects) return result;
    // The rewrite browsers apply: 303 always, and 301/302 after a POST, continue as a GET without body.
    if (received.status === 303 || (received.status < 303 && out.method === "POST")) {
      out.method = "GET";
      out.body = undefined;
      delete out.headers["content-type"];
    }
    url = next;
  }
}

export async function fetchOutbound(options: OutboundOptions): Promise<OutboundResponse> {
  const started = performance.now();
  const timeoutMs = options.timeoutMs ?? 5000;
  const deadline = new Deadline();
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(new OutboundError("timeout", `no complete response within ${timeoutMs} ms`));
      deadline.expire(); // destroys the in-flight request, whatever stage it is in
    }, timeoutMs);
  });
  try {
    return await Promise.race([exchange(options, deadline, started), timedOut]);
  } finally {
    clearTimeout(timer);
  }
}
