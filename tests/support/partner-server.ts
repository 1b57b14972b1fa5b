// A partner's /authorize endpoint on loopback, as the service authorization contract's Python example answers:
//   timestamp = int(now); service_signature = base64(HMAC-SHA256(SERVICE_SECRET, f"{SERVICE_ID}{timestamp}"));
//   return {timestamp, service_signature, version}
// Deliberately independent of lib/ (its own HMAC), so tests check Portico against the contract rather than against
// itself. Each answer can misbehave in the ways partners' servers do.
import { createHmac } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { itemAt } from "./lists";

export type Misbehaviour =
  | "valid"
  | "wrong-secret"
  | "stale-timestamp"
  | "missing-fields"
  | "string-timestamp"
  | "long-version"
  | "not-json"
  | "status-500"
  | "timeout"
  | "oversized"
  | "redirect-cross-host"
  | "redirect-same-host";

export interface PartnerIdentity {
  serviceId: string;
  secret: string;
  version: string;
  mode?: Misbehaviour;
  /** Answer after this long (a slow but healthy partner). */
  delayMs?: number;
}

export interface PartnerServer {
  /** One origin per listening port, e.g. http://127.0.0.1:43121. */
  origins: string[];
  origin: string;
  /** Requests to /authorize per Host header. */
  requestsByHost: Map<string, number>;
  totalRequests: () => number;
  /** Identities keyed by Host header ("127.0.0.1:43121"); `defaultIdentity` answers for any other host. */
  identities: Map<string, PartnerIdentity>;
  defaultIdentity?: PartnerIdentity;
  close: () => Promise<void>;
}

export function signAuthorizeTimestamp(serviceId: string, secret: string, timestamp: number): string {
  return createHmac("sha256", Buffer.from(secret, "utf8"))
    .update(Buffer.from(`${serviceId}${timestamp}`, "utf8"))
    .digest("base64");
}

function answer(identity: PartnerIdentity, res: http.ServerResponse, port: number) {
  const mode = identity.mode ?? "valid";
  const timestamp = Math.floor(Date.now() / 1000);
  const json = (status: number, body: string) => {
    res.writeHead(status, { "content-type": "application/json" });
    res.end(body);
  };
  const signed = (overrides: Record<string, unknown> = {}, secret = identity.secret, at = timestamp) =>
    JSON.stringify({
      timestamp: at,
      service_signature: signAuthorizeTimestamp(identity.serviceId, secret, at),
      version: identity.version,
      ...overrides,
    });
  switch (mode) {
    case "valid":
      return json(200, signed());
    case "wrong-secret":
      return json(200, signed({}, `${identity.secret}-wrong`));
    case "stale-timestamp":
      return json(200, signed({}, identity.secret, timestamp - 3600));
    case "missing-fields":
      return json(200, JSON.stringify({ timestamp, version: identity.version }));
    case "string-timestamp":
      return json(200, signed({ timestamp: String(timestamp) }));
    case "long-version":
      return json(200, signed({ version: "v".repeat(201) }));
    case "not-json":
      res.writeHead(200, { "content-type": "text/html" });
      return res.end("<html><body>It works!</body></html>");
    case "status-500":
      return json(500, JSON.stringify({ error: "boom" }));
    case "timeout":
      return; // never answers; the client's deadline ends it
    case "oversized":
      return json(200, JSON.stringify({ padding: "x".repeat(70 * 1024), timestamp }));
    case "redirect-cross-host":
      // 127.0.0.2 is loopback too, but another host as far as the URL is concerned.
      res.writeHead(302, { location: `http://127.0.0.2:${port}/authorize` });
      return res.end();
    case "redirect-same-host":
      res.writeHead(301, { location: "/v2/authorize" });
      return res.end();
  }
}

/**
 * Starts the partner server on `ports` loopback ports (default 1). With `anyLoopbackAddress`, it binds 0.0.0.0 so
 * one socket answers for every 127.x.y.z address (benchmarks), and drops any connection not from loopback.
 */
export async function startPartnerServer(
  options: {
    ports?: number;
    defaultIdentity?: PartnerIdentity;
    anyLoopbackAddress?: boolean;
    /** Identity for hosts not registered in `identities` (computed per request, e.g. derived from the host). */
    resolveIdentity?: (host: string) => PartnerIdentity | undefined;
  } = {},
): Promise<PartnerServer> {
  const requestsByHost = new Map<string, number>();
  const identities = new Map<string, PartnerIdentity>();
  const servers: http.Server[] = [];
  const state: PartnerServer = {
    origins: [],
    origin: "",
    requestsByHost,
    identities,
    defaultIdentity: options.defaultIdentity,
    totalRequests: () => [...requestsByHost.values()].reduce((sum, count) => sum + count, 0),
    close: () =>
      Promise.all(
        servers.map((server) => {
          server.closeAllConnections();
          return new Promise<void>((resolve) => server.close(() => resolve()));
        }),
      ).then(() => undefined),
  };
  const handler: http.RequestListener = (req, res) => {
    const host = req.headers.host ?? "";
    const port = (req.socket.localPort ?? 0) as number;
    if (req.method !== "GET" || new URL(req.url ?? "/", "http://x").pathname !== "/authorize") {
      res.writeHead(404).end();
      return;
    }
    requestsByHost.set(host, (requestsByHost.get(host) ?? 0) + 1);
    const identity = identities.get(host) ?? options.resolveIdentity?.(host) ?? state.defaultIdentity;
    if (!identity) {
      res.writeHead(404).end();
      return;
    }
    if (identity.delayMs) setTimeout(() => answer(identity, res, port), identity.delayMs);
    else answer(identity, res, port);
  };
  for (let i = 0; i < (options.ports ?? 1); i++) {
    const server = http.createServer(handler);
    server.keepAliveTimeout = 1000;
    if (options.anyLoopbackAddress) {
      server.on("connection", (socket) => {
        if (!socket.remoteAddress?.match(/^(::ffff:)?127\./)) socket.destroy();
      });
    }
    servers.push(server);
    await new Promise<void>((resolve) =>
      server.listen(0, options.anyLoopbackAddress ? "0.0.0.0" : "127.0.0.1", resolve),
    );
    const { port } = server.address() as AddressInfo;
    state.origins.push(`http://127.0.0.1:${port}`);
  }
  state.origin = itemAt(state.origins, 0, "listening port");
  return state;
}
