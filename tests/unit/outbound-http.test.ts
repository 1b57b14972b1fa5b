import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { fetchOutbound, OutboundError, type OutboundErrorCode } from "@/lib/http/outbound";
import { itemAt } from "../support/lists";

interface TestServer {
  origin: string;
  port: number;
  connections: () => number;
  requests: http.IncomingMessage[];
}

const servers: http.Server[] = [];

afterEach(async () => {
  await Promise.all(
    servers.splice(0).map((server) => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(resolve));
    }),
  );
});

async function startServer(handler: http.RequestListener, host = "127.0.0.1"): Promise<TestServer> {
  const server = http.createServer(handler);
  servers.push(server);
  let connections = 0;
  const requests: http.IncomingMessage[] = [];
  server.on("connection", () => connections++);
  server.on("request", (req: http.IncomingMessage) => requests.push(req));
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  return { origin: `http://${host}:${port}`, port, connections: () => connections, requests };
}

/** A port nothing listens on: bound once, then released. */
async function closedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function failure(promise: Promise<unknown>): Promise<OutboundError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(OutboundError);
  return error as OutboundError;
}

async function expectCode(promise: Promise<unknown>, code: OutboundErrorCode): Promise<OutboundError> {
  const error = await failure(promise);
  expect(error.code, error.message).toBe(code);
  return error;
}

const echo: http.RequestListener = (req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (chunk: Buffer) => chunks.push(chunk));
  req.on("end", () => {
    res.writeHead(201, { "content-type": "application/json", "x-reply": "yes" });
    res.end(
      JSON.stringify({
        method: req.method,
        url: req.url,
        headers: req.headers,
        body: Buffer.concat(chunks).toString(),
      }),
    );
  });
};

describe("fetchOutbound: exchanges", () => {
  it("round-trips a GET with headers and reports status, headers, body, size, latency and url", async () => {
    const server = await startServer(echo);
    const response = await fetchOutbound({
      url: `${server.origin}/hook?x=1`,
      headers: { "X-Partner": "acme" },
      allowPrivateTargets: true,
    });
    expect(response.status).toBe(201);
    expect(response.headers.get("x-reply")).toBe("yes");
    expect(response.url).toBe(`${server.origin}/hook?x=1`);
    expect(response.bodyBytes).toBe(Buffer.byteLength(response.body));
    expect(response.latencyMs).toBeGreaterThanOrEqual(0);
    const seen = JSON.parse(response.body);
    expect(seen).toMatchObject({ method: "GET", url: "/hook?x=1", body: "" });
    expect(seen.headers["x-partner"]).toBe("acme");
    expect(seen.headers["user-agent"]).toBe("Portico/1.0 (+https://portico.dev)");
    expect(seen.headers.host).toBe(`127.0.0.1:${server.port}`);
  });

  it("round-trips a POST body, counts bytes not characters, and keeps a caller's User-Agent", async () => {
    const server = await startServer(echo);
    const body = JSON.stringify({ event: "ping", note: "héllo ✓" });
    const response = await fetchOutbound({
      url: `${server.origin}/events`,
      method: "POST",
      headers: { "content-type": "application/json", "user-agent": "Custom/2", "Content-Length": "1" },
      body,
      allowPrivateTargets: true,
    });
    const seen = JSON.parse(response.body);
    expect(seen.method).toBe("POST");
    expect(seen.body).toBe(body);
    expect(seen.headers["content-length"]).toBe(String(Buffer.byteLength(body)));
    expect(seen.headers["user-agent"]).toBe("Custom/2");
    expect(seen.headers["content-type"]).toBe("application/json");
  });

  it("connects a DNS name to the address it resolved, keeping the name in the Host header", async () => {
    const server = await startServer(echo, "localhost");
    const response = await fetchOutbound({ url: `http://localhost:${server.port}/`, allowPrivateTargets: true });
    expect(JSON.parse(response.body).headers.host).toBe(`localhost:${server.port}`);
  });
});

describe("fetchOutbound: timeout and size limits", () => {
  it("times out on a server that never answers, close to the timeout", async () => {
    const server = await startServer(() => {});
    const started = performance.now();
    const error = await expectCode(
      fetchOutbound({ url: server.origin, timeoutMs: 300, allowPrivateTargets: true }),
      "timeout",
    );
    const elapsed = performance.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(290);
    expect(elapsed).toBeLessThan(1500);
    expect(error.message).toContain("300");
    // The request was destroyed, not left hanging on the server: the server sees its connection close.
    const request = server.requests[0];
    if (!request) throw new Error("the server received no request");
    // ("close" only: events.once would reject on the "aborted" error the request emits first.)
    if (!request.destroyed) await new Promise((resolve) => request.once("close", resolve));
    expect(request.destroyed).toBe(true);
  });

  it("times out when headers arrive but the body never ends", async () => {
    const server = await startServer((_req, res) => {
      res.writeHead(200);
      res.write("partial");
    });
    await expectCode(fetchOutbound({ url: server.origin, timeoutMs: 300, allowPrivateTargets: true }), "timeout");
  });

  it("stops reading a streamed body as soon as it exceeds the cap", async () => {
    let written = 0;
    const server = await startServer((_req, res) => {
      res.writeHead(200); // chunked, no content-length
      const timer = setInterval(() => {
        written += 1024;
        res.write(Buffer.alloc(1024, 97));
      }, 2);
      res.on("close", () => clearInterval(timer));
    });
    await expectCode(
      fetchOutbound({ url: server.origin, maxResponseBytes: 4096, timeoutMs: 5000, allowPrivateTargets: true }),
      "too_large",
    );
    expect(written).toBeLessThan(64 * 1024);
  });

  it("refuses at once a body whose Content-Length announces more than the cap", async () => {
    const server = await startServer((_req, res) => {
      res.writeHead(200, { "content-length": String(10 * 1024 * 1024) });
      res.write("a few bytes, then silence");
    });
    const started = performance.now();
    await expectCode(
      fetchOutbound({ url: server.origin, maxResponseBytes: 1024, timeoutMs: 5000, allowPrivateTargets: true }),
      "too_large",
    );
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it("accepts a body of exactly the cap", async () => {
    const server = await startServer((_req, res) => res.end("x".repeat(1024)));
    const response = await fetchOutbound({ url: server.origin, maxResponseBytes: 1024, allowPrivateTargets: true });
    expect(response.bodyBytes).toBe(1024);
  });
});

describe("fetchOutbound: redirects", () => {
  it("returns a cross-origin 302 as-is when redirects are off, and refuses it when they are on", async () => {
    const other = await startServer((_req, res) => res.end("other"));
    const server = await startServer((_req, res) => {
      res.writeHead(302, { location: `${other.origin}/landing` });
      res.end();
    });
    const response = await fetchOutbound({ url: server.origin, allowPrivateTargets: true });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe(`${other.origin}/landing`);

    await expectCode(
      fetchOutbound({ url: server.origin, followRedirects: 3, allowPrivateTargets: true }),
      "redirect_blocked",
    );
    expect(other.connections()).toBe(0);
  });

  it("follows a same-origin redirect when allowed, turning a POST answered by 303 into a GET", async () => {
    const server = await startServer((req, res) => {
      if (req.url === "/start") {
        res.writeHead(303, { location: "/final?step=2" });
        res.end();
        return;
      }
      echo(req, res);
    });
    const response = await fetchOutbound({
      url: `${server.origin}/start`,
      method: "POST",
      headers: { "content-type": "text/plain" },
      body: "payload",
      followRedirects: 1,
      allowPrivateTargets: true,
    });
    expect(response.status).toBe(201);
    expect(response.url).toBe(`${server.origin}/final?step=2`);
    const seen = JSON.parse(response.body);
    expect(seen).toMatchObject({ method: "GET", url: "/final?step=2", body: "" });
    expect(seen.headers["content-type"]).toBeUndefined();
  });

  it("keeps the method and body across a same-origin 307", async () => {
    const server = await startServer((req, res) => {
      if (req.url === "/old") {
        res.writeHead(307, { location: "/new" });
        res.end();
        return;
      }
      echo(req, res);
    });
    const response = await fetchOutbound({
      url: `${server.origin}/old`,
      method: "POST",
      body: "payload",
      followRedirects: 1,
      allowPrivateTargets: true,
    });
    expect(JSON.parse(response.body)).toMatchObject({ method: "POST", url: "/new", body: "payload" });
  });

  it("returns the last 3xx as-is once the redirect budget is spent", async () => {
    const server = await startServer((req, res) => {
      res.writeHead(302, { location: `/hop${Number(req.url?.slice(4) || 0) + 1}` });
      res.end();
    });
    const response = await fetchOutbound({
      url: `${server.origin}/hop0`,
      followRedirects: 2,
      allowPrivateTargets: true,
    });
    expect(response.status).toBe(302);
    expect(response.url).toBe(`${server.origin}/hop2`);
    expect(server.requests).toHaveLength(3);
  });
});

describe("fetchOutbound: SSRF protection", () => {
  it("blocks loopback by literal address and by name when private targets are not allowed", async () => {
    const server = await startServer(echo);
    for (const url of [`http://127.0.0.1:${server.port}/`, `http://localhost:${server.port}/`]) {
      await expectCode(fetchOutbound({ url, allowPrivateTargets: false }), "blocked_target");
    }
    expect(server.connections()).toBe(0);
  });

  it.each([
    "http://169.254.169.254/latest/meta-data/",
    "http://10.0.0.1/",
    "http://192.168.1.1/",
    "http://100.64.0.1/",
    "http://224.0.0.1/",
    "http://255.255.255.255/",
    "http://[::1]/",
    "http://[fe80::1]/",
    "http://[fd00::1]/",
    "http://[::ffff:127.0.0.1]/",
    "http://[::ffff:169.254.169.254]/",
    "http://0.0.0.0/",
    "http://[::]/",
    "http://2130706433/", // 127.0.0.1 written as one number
  ])("blocks %s without connecting", async (url) => {
    const started = performance.now();
    const error = await expectCode(
      fetchOutbound({ url, timeoutMs: 2000, allowPrivateTargets: false }),
      "blocked_target",
    );
    expect(error.message).toMatch(/non-public/);
    expect(performance.now() - started).toBeLessThan(200);
  });

  it("blocks mapped and unspecified forms of a listening loopback server without it seeing a connection", async () => {
    const server = await startServer(echo);
    for (const host of ["[::ffff:127.0.0.1]", "0.0.0.0", "127.1"]) {
      await expectCode(
        fetchOutbound({ url: `http://${host}:${server.port}/`, allowPrivateTargets: false }),
        "blocked_target",
      );
    }
    expect(server.connections()).toBe(0);
  });
});

describe("fetchOutbound: invalid URLs and network failures", () => {
  it.each([
    "ftp://example.com/file",
    "file:///etc/passwd",
    "http://user:pass@example.com/",
    "http://user@example.com/",
    "not a url",
    "/relative/path",
  ])("rejects %s as invalid_url", async (url) => {
    await expectCode(fetchOutbound({ url, allowPrivateTargets: false }), "invalid_url");
  });

  it("reports a refused connection as network_error", async () => {
    const port = await closedPort();
    await expectCode(fetchOutbound({ url: `http://127.0.0.1:${port}/`, allowPrivateTargets: true }), "network_error");
  });

  it("reports a connection dropped mid-body as network_error", async () => {
    const server = await startServer((_req, res) => {
      res.writeHead(200, { "content-length": "100" });
      res.write("only part");
      setTimeout(() => res.socket?.destroy(), 20);
    });
    await expectCode(fetchOutbound({ url: server.origin, allowPrivateTargets: true }), "network_error");
  });
});

describe("fetchOutbound: connection reuse", () => {
  const remotePorts = (server: TestServer) => server.requests.map((req) => req.socket.remotePort);

  it("sends sequential requests to the same validated address over one kept-alive socket", async () => {
    const server = await startServer(echo);
    for (let i = 0; i < 3; i++) {
      const response = await fetchOutbound({ url: `${server.origin}/n${i}`, allowPrivateTargets: true });
      expect(response.status).toBe(201);
    }
    expect(server.connections()).toBe(1);
    expect(new Set(remotePorts(server)).size).toBe(1);
  });

  it("opens a new connection per request when reuse is turned off", async () => {
    const server = await startServer(echo);
    for (let i = 0; i < 2; i++) {
      await fetchOutbound({ url: server.origin, allowPrivateTargets: true, reuseConnection: false });
    }
    expect(server.connections()).toBe(2);
  });

  it("never reuses a socket for a different validated address, even on the same server and port", async () => {
    // Every 127.x.y.z reaches a server bound to 0.0.0.0 on Linux: one port, two addresses.
    const server = await startServer(echo, "0.0.0.0");
    const seen: string[] = [];
    server.requests.length = 0;
    for (const host of ["127.0.0.1", "127.0.0.2", "127.0.0.1", "127.0.0.2"]) {
      const response = await fetchOutbound({ url: `http://${host}:${server.port}/`, allowPrivateTargets: true });
      seen.push(JSON.parse(response.body).headers.host);
    }
    expect(seen).toEqual(["127.0.0.1", "127.0.0.2", "127.0.0.1", "127.0.0.2"].map((host) => `${host}:${server.port}`));
    expect(server.connections()).toBe(2);
    const byAddress = new Map<string | undefined, Set<number | undefined>>();
    for (const req of server.requests) {
      const ports = byAddress.get(req.socket.localAddress) ?? new Set();
      ports.add(req.socket.remotePort);
      byAddress.set(req.socket.localAddress, ports);
    }
    // Each address got its own socket, reused only for requests to that same address.
    expect([...byAddress.keys()].sort()).toEqual(["127.0.0.1", "127.0.0.2"]);
    expect([...byAddress.values()].map((ports) => ports.size)).toEqual([1, 1]);
  });

  it("does not reuse the socket of a request that timed out", async () => {
    let calls = 0;
    const server = await startServer((req, res) => {
      calls++;
      if (calls === 1) return; // the first request hangs until the client gives up
      echo(req, res);
    });
    await expectCode(fetchOutbound({ url: server.origin, timeoutMs: 200, allowPrivateTargets: true }), "timeout");
    const response = await fetchOutbound({ url: server.origin, allowPrivateTargets: true });
    expect(response.status).toBe(201);
    expect(server.connections()).toBe(2);
    const first = itemAt(server.requests, 0, "request");
    const second = itemAt(server.requests, 1, "request");
    expect(first.socket.remotePort).not.toBe(second.socket.remotePort);
    expect(first.socket.destroyed).toBe(true);
  });

  it("does not reuse the socket of a response refused as too large", async () => {
    const server = await startServer((req, res) => {
      if (req.url === "/big") res.end("x".repeat(2048));
      else echo(req, res);
    });
    await expectCode(
      fetchOutbound({ url: `${server.origin}/big`, maxResponseBytes: 1024, allowPrivateTargets: true }),
      "too_large",
    );
    await fetchOutbound({ url: server.origin, allowPrivateTargets: true });
    expect(server.connections()).toBe(2);
  });

  it("sends a request again on a new connection when the server dropped the idle pooled socket", async () => {
    const perSocket = new WeakMap<object, number>();
    const server = await startServer((req, res) => {
      const count = (perSocket.get(req.socket) ?? 0) + 1;
      perSocket.set(req.socket, count);
      // The server's keep-alive ran out just as the client reused the socket: dropped without an answer.
      if (count > 1) req.socket.destroy();
      else echo(req, res);
    });
    await fetchOutbound({ url: server.origin, allowPrivateTargets: true });
    const response = await fetchOutbound({
      url: server.origin,
      method: "POST",
      body: "again",
      allowPrivateTargets: true,
    });
    expect(response.status).toBe(201);
    expect(JSON.parse(response.body).body).toBe("again");
    expect(server.connections()).toBe(2);
  });
});
