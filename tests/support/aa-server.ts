// A partner's A&A service (callback verification contract) on loopback: records exactly what Portico sends and answers as told.
// Independent of lib/ so tests check Portico against the contract, not against itself.
import { randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface ReceivedCallback {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  rawBody: string;
}

export interface EndpointBehaviour {
  status?: number;
  body?: string;
  /** Never answer (Portico's 5 s deadline ends it). */
  hang?: boolean;
  delayMs?: number;
}

export interface AaEndpoint {
  url: string;
  received: ReceivedCallback[];
  behaviour: EndpointBehaviour;
}

export interface AaServer {
  origin: string;
  /** Every request the server saw, on any path. */
  all: ReceivedCallback[];
  /** A fresh path with its own behaviour and request list; mutate `behaviour` to change later answers. */
  createEndpoint: (behaviour?: EndpointBehaviour) => AaEndpoint;
  close: () => Promise<void>;
}

export async function startAaServer(): Promise<AaServer> {
  const endpoints = new Map<string, AaEndpoint>();
  const all: ReceivedCallback[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const path = new URL(req.url ?? "/", "http://x").pathname;
      const received = {
        method: req.method ?? "",
        path,
        headers: req.headers,
        rawBody: Buffer.concat(chunks).toString("utf8"),
      };
      all.push(received);
      const endpoint = endpoints.get(path);
      if (!endpoint) return void res.writeHead(404).end();
      endpoint.received.push(received);
      const { status = 200, body = "{}", hang, delayMs } = endpoint.behaviour;
      if (hang) return;
      const answer = () => res.writeHead(status, { "content-type": "application/json" }).end(body);
      if (delayMs) setTimeout(answer, delayMs);
      else answer();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    all,
    createEndpoint(behaviour = {}) {
      const path = `/aa/${randomBytes(6).toString("hex")}`;
      const endpoint: AaEndpoint = { url: `${origin}${path}`, received: [], behaviour };
      endpoints.set(path, endpoint);
      return endpoint;
    },
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
