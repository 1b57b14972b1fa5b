// A partner's webhook receiver on loopback, plus a Standard Webhooks verifier written from the specification
// (https://github.com/standard-webhooks/standard-webhooks/blob/main/spec/standard-webhooks.md), independent of lib/:
//   signed content = "<webhook-id>.<webhook-timestamp>.<raw body>"; key = base64-decode(secret without "whsec_");
//   webhook-signature = space-separated "v1,<base64 HMAC-SHA256>"; reject timestamps outside a tolerance.
import { createHmac, timingSafeEqual } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface ReceivedWebhook {
  headers: http.IncomingHttpHeaders;
  body: string;
  receivedAt: number;
}

export interface Reply {
  status: number;
  headers?: Record<string, string>;
  body?: string;
}

export interface WebhookReceiver {
  url: string;
  port: number;
  received: ReceivedWebhook[];
  /** Decides each answer; default 200 "ok". */
  respond: (request: ReceivedWebhook) => Reply;
  /** Stops listening (connections are refused) and starts again on the same port. */
  down: () => Promise<void>;
  up: () => Promise<void>;
  close: () => Promise<void>;
}

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const receiver: WebhookReceiver = {
    url: "",
    port: 0,
    received: [],
    respond: () => ({ status: 200, body: "ok" }),
    down: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
    up: () => new Promise((resolve) => server.listen(receiver.port, "127.0.0.1", () => resolve())),
    close: () =>
      new Promise((resolve) => {
        if (!server.listening) return resolve();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const request = { headers: req.headers, body: Buffer.concat(chunks).toString("utf8"), receivedAt: Date.now() };
      receiver.received.push(request);
      const reply = receiver.respond(request);
      res.writeHead(reply.status, { "content-type": "text/plain", ...reply.headers });
      res.end(reply.body ?? "");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  receiver.port = (server.address() as AddressInfo).port;
  receiver.url = `http://127.0.0.1:${receiver.port}/hooks`;
  return receiver;
}

export type Verification = { ok: true } | { ok: false; reason: string };

export function verifyStandardWebhook(options: {
  secret: string;
  id: string | undefined;
  timestamp: string | undefined;
  signature: string | undefined;
  body: string;
  nowSeconds?: number;
  toleranceSeconds?: number;
}): Verification {
  const { id, timestamp, signature } = options;
  if (!id || !timestamp || !signature) return { ok: false, reason: "missing header" };
  if (!/^\d+$/.test(timestamp)) return { ok: false, reason: "bad timestamp" };
  const now = options.nowSeconds ?? Math.floor(Date.now() / 1000);
  if (Math.abs(now - Number(timestamp)) > (options.toleranceSeconds ?? 300))
    return { ok: false, reason: "timestamp outside tolerance" };
  const key = Buffer.from(options.secret.startsWith("whsec_") ? options.secret.slice(6) : options.secret, "base64");
  const expected = createHmac("sha256", key).update(`${id}.${timestamp}.${options.body}`).digest();
  for (const part of signature.split(" ")) {
    const [version, value] = part.split(",", 2);
    if (version !== "v1" || !value) continue;
    const candidate = Buffer.from(value, "base64");
    if (candidate.length === expected.length && timingSafeEqual(candidate, expected)) return { ok: true };
  }
  return { ok: false, reason: "no matching signature" };
}

export function verifyReceived(secret: string, request: ReceivedWebhook): Verification {
  const header = (name: string) => {
    const value = request.headers[name];
    return Array.isArray(value) ? value[0] : value;
  };
  return verifyStandardWebhook({
    secret,
    id: header("webhook-id"),
    timestamp: header("webhook-timestamp"),
    signature: header("webhook-signature"),
    body: request.body,
  });
}
