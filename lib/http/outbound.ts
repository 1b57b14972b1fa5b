// Portico's one client for partner-supplied URLs. Partners choose the URL, so every call is treated as a possible
// SSRF: the host must resolve only to public unicast addresses, and we connect to exactly the address we checked so a
// second, different DNS answer (rebinding) cannot steer the connection inside the network.
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
  allowPrivateTargets?: boolean;
  followRedirects?: number;
}

export interface OutboundResponse {
  status: number;
  headers: Headers;
  body: string;
  bodyBytes: number;
  latencyMs: number;
  url: string;
}

type Received = Omit<OutboundResponse, "latencyMs" | "url">;
type Target = { host: string; address: string; family: number };
type Outgoing = { method: "GET" | "POST"; headers: Record<string, string>; body?: string };

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

function send(url: URL, target: Target, out: Outgoing, maxBytes: number, signal: AbortSignal): Promise<Received> {
  return new Promise((resolve, reject) => {
    // Hands the socket the address we validated instead of asking DNS again; Host and SNI keep the real name.
    const pinned: LookupFunction = (_hostname, options, callback) =>
      options.all ? callback(null, [target]) : callback(null, target.address, target.family);
    const headers = { ...out.headers };
    if (out.body !== undefined) headers["content-length"] = String(Buffer.byteLength(out.body));
    const options: https.RequestOptions = {
      hostname: target.host,
      port: url.port || undefined,
      path: `${url.pathname}${url.search}`,
      method: out.method,
      headers,
      signal,
      agent: false, // a pooled socket would outlive the check it was made under
      lookup: pinned,
      servername: isIP(target.host) ? undefined : target.host,
    };
    const onResponse = (res: http.IncomingMessage) => {
      const fail = (code: OutboundErrorCode, message: string) => {
        reject(new OutboundError(code, message));
        req.destroy();
      };
      const limit = `response body exceeds ${maxBytes} bytes`;
      if (Number(res.headers["content-length"]) > maxBytes) return fail("too_large", limit);
      const chunks: Buffer[] = [];
      let size = 0;
      res.on("data", (chunk: Buffer) => {
        size += chunk.length;
        if (size > maxBytes) fail("too_large", limit);
        else chunks.push(chunk);
      });
      res.on("end", () => {
        // Cannot throw: Node's strict parser already refused the names and values Headers would reject.
        const received = new Headers();
        for (let i = 0; i < res.rawHeaders.length; i += 2) received.append(res.rawHeaders[i], res.rawHeaders[i + 1]);
        const body = Buffer.concat(chunks).toString("utf8");
        resolve({ status: res.statusCode ?? 0, headers: received, body, bodyBytes: size });
      });
      // Also fires after "end", when the promise is settled and this is a no-op.
      res.on("close", () => fail("network_error", "connection closed before the response ended"));
    };
    let req: http.ClientRequest;
    try {
      req = (url.protocol === "https:" ? https : http).request(options, onResponse);
    } catch (error) {
      return reject(new OutboundError("network_error", `could not send the request: ${(error as Error).message}`));
    }
    req.on("error", (error) => reject(new OutboundError("network_error", error.message)));
    req.end(out.body);
  });
}

async function exchange(options: OutboundOptions, signal: AbortSignal, started: number): Promise<OutboundResponse> {
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
    if (signal.aborted) throw new OutboundError("timeout", "deadline passed during DNS lookup");
    const received = await send(url, target, out, options.maxResponseBytes ?? 64 * 1024, signal);
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
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(new OutboundError("timeout", `no complete response within ${timeoutMs} ms`));
      controller.abort(); // destroys the in-flight request, whatever stage it is in
    }, timeoutMs);
  });
  try {
    return await Promise.race([exchange(options, controller.signal, started), deadline]);
  } finally {
    clearTimeout(timer);
  }
}
