// Several `scripts/worker.ts --only=webhooks` processes on one PostgreSQL database (a database of its own, not the test
// server's): leases give each due delivery to exactly one of them, and the deliveries a SIGKILLed worker held are
// sent again by the other once its leases lapse — at-least-once, always with the same webhook-id.
import { randomBytes, randomUUID } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encryptSecret } from "@/lib/crypto/encryption";
import { createId } from "@/lib/crypto/random";
import { generateSigningSecret } from "@/lib/webhooks/signing";
import { itemAt } from "../support/lists";
import { type OAuthServer, startOAuthServer } from "../support/oauth-server";
import { createDatabase, dropDatabase } from "../support/postgres";
import { getTestDatabase, getTestPostgresUrl } from "../support/test-env";
import { verifyStandardWebhook } from "../support/webhook-receiver";
import {
  readStoppedStats,
  startWorkerProcess,
  stopWorkerProcess,
  type WorkerProcess,
  waitFor,
} from "../support/worker-process";

const LEASE_SECONDS = 5; // > the slow receiver's 2 s answer, so a live worker never loses a lease mid-send

interface Receipt {
  id: string;
  timestamp: string;
  signature: string;
  authorization: string;
  body: string;
  receivedAt: number;
}

/** A receiver that records each request as it arrives and answers after `delayMs` (200, or 401 for a bad token). */
async function startSlowReceiver(isValidToken: (token: string) => boolean) {
  const receipts: Receipt[] = [];
  const state = { delayMs: 0, receipts, url: "", close: async () => {} };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const header = (name: string) => String(req.headers[name] ?? "");
      const receipt = {
        id: header("webhook-id"),
        timestamp: header("webhook-timestamp"),
        signature: header("webhook-signature"),
        authorization: header("authorization"),
        body: Buffer.concat(chunks).toString("utf8"),
        receivedAt: Date.now(),
      };
      receipts.push(receipt);
      const ok = isValidToken(receipt.authorization.replace(/^Bearer /, ""));
      setTimeout(() => {
        res.writeHead(ok ? 200 : 401, { "content-type": "text/plain" });
        res.end(ok ? "ok" : "invalid token");
      }, state.delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
  state.close = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  return state;
}

describe.skipIf(getTestDatabase() !== "postgresql")("webhook workers on PostgreSQL", () => {
  const url = new URL(getTestPostgresUrl());
  url.pathname = `/portico_webhooks_${randomBytes(6).toString("hex")}`;
  const databaseUrl = url.toString();
  const workers: WorkerProcess[] = [];
  const secret = generateSigningSecret();
  /** The two workers started before the first test. */
  let initial: [WorkerProcess, WorkerProcess];
  let client: pg.Client;
  let oauth: OAuthServer;
  let receiver: Awaited<ReturnType<typeof startSlowReceiver>>;
  let partnerId: string;
  let endpointId: string;

  async function startWorker(env: Record<string, string> = {}): Promise<WorkerProcess> {
    const worker = await startWorkerProcess({
      only: "webhooks",
      env: {
        DATABASE_URL: databaseUrl,
        PORTICO_WEBHOOK_LEASE_SECONDS: String(LEASE_SECONDS),
        PORTICO_WEBHOOK_RETRY_SCHEDULE: "1,1,1",
        PORTICO_WEBHOOK_POLL_MS: "50",
        PORTICO_WEBHOOK_CONCURRENCY: "20",
        ...env,
      },
      timeoutMs: 60_000,
    });
    workers.push(worker);
    return worker;
  }

  const stopWorker = stopWorkerProcess;

  /** Writes `count` undispatched outbox events for the partner, as recordEvent would; returns their ids. */
  async function insertEvents(count: number, tag: string): Promise<string[]> {
    const ids = Array.from({ length: count }, () => createId("evt"));
    const createdAt = new Date().toISOString().slice(0, -1); // TIMESTAMP(3) without zone, UTC
    const values = ids.map((_, i) => `($${i * 2 + 3}, $1, 'transaction.verified', $${i * 2 + 4}, $2::timestamp(3))`);
    await client.query(
      `INSERT INTO "Event" ("id", "partnerId", "type", "data", "createdAt") VALUES ${values.join(", ")}`,
      [partnerId, createdAt, ...ids.flatMap((id, i) => [id, JSON.stringify({ tag, n: i })])],
    );
    return ids;
  }

  async function deliveryRows(eventIds: string[]) {
    const result = await client.query<{
      eventId: string;
      status: string;
      attempts: number;
      logged: number;
      leaseOwner: string | null;
    }>(
      `SELECT d."eventId", d."status", d."attempts", d."leaseOwner",
              (SELECT count(*)::int FROM "WebhookAttempt" a WHERE a."deliveryId" = d."id") AS logged
         FROM "WebhookDelivery" d WHERE d."eventId" = ANY($1)`,
      [eventIds],
    );
    return result.rows;
  }

  function receiptsOf(eventIds: string[]): Receipt[] {
    const wanted = new Set(eventIds);
    return receiver.receipts.filter((receipt) => wanted.has((JSON.parse(receipt.body) as { id: string }).id));
  }

  /** Every receipt: signed by the endpoint's secret, webhook-id equal to the body's event id, fetched token. */
  function expectWellFormed(receipts: Receipt[]) {
    for (const receipt of receipts) {
      const body = JSON.parse(receipt.body) as { id: string; type: string };
      expect(receipt.id).toBe(body.id);
      expect(receipt.authorization).toBe(`Bearer ${oauth.issued[0]}`);
      expect(
        verifyStandardWebhook({
          secret,
          id: receipt.id,
          timestamp: receipt.timestamp,
          signature: receipt.signature,
          body: receipt.body,
        }),
      ).toEqual({ ok: true });
    }
  }

  beforeAll(async () => {
    await createDatabase(databaseUrl);
    oauth = await startOAuthServer({ clientId: "portico", clientSecret: "client-secret", expiresIn: 3600 });
    oauth.delayMs = 200; // both workers ask for a token at the same moment: only one may reach the server
    receiver = await startSlowReceiver((token) => oauth.isValid(token));
    // Both workers migrate the fresh database at start-up (under the advisory lock) before anything exists.
    initial = await Promise.all([startWorker(), startWorker()]);
    client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    partnerId = createId("ptn");
    endpointId = createId("whe");
    await client.query(
      `INSERT INTO "Partner" ("id", "name", "status", "customerId", "updatedAt") VALUES ($1, 'Webhooks', 'approved', $2, now())`,
      [partnerId, randomUUID()],
    );
    const authentication = {
      type: "OAuth2",
      version: "v1",
      data: { url: oauth.url, grant_type: "client_credentials", client_id: "portico", client_secret: "client-secret" },
    };
    await client.query(
      `INSERT INTO "WebhookEndpoint" ("id", "partnerId", "url", "events", "authType", "authConfigCiphertext", "secretCiphertext", "updatedAt")
       VALUES ($1, $2, $3, '[]', 'oauth2_v1', $4, $5, now())`,
      [endpointId, partnerId, receiver.url, encryptSecret(JSON.stringify(authentication)), encryptSecret(secret)],
    );
  }, 120_000);

  afterAll(async () => {
    await Promise.all(workers.map((worker) => stopWorker(worker, "SIGKILL")));
    await client?.end();
    await receiver?.close();
    await oauth?.close();
    await dropDatabase(databaseUrl);
  });

  it("two workers deliver 200 events: every event once, no attempt sent twice, one token request in all", async () => {
    const [a, b] = initial;
    receiver.delayMs = 30; // keeps deliveries in flight long enough that both workers take a share
    const ids = await insertEvents(200, "shared");
    await waitFor(
      async () => (await deliveryRows(ids)).filter((row) => row.status === "succeeded").length === 200,
      60_000,
      "200 succeeded",
    );
    // A graceful stop finishes every send in flight, so after it the receiver has every request either worker made.
    await Promise.all([stopWorker(a), stopWorker(b)]);
    const receipts = receiptsOf(ids);
    const perId = new Map<string, number>();
    for (const receipt of receipts) perId.set(receipt.id, (perId.get(receipt.id) ?? 0) + 1);
    expect(perId.size).toBe(200);
    expect(new Set(perId.keys())).toEqual(new Set(ids));
    // The receiver answered 200 each time, so each event took exactly one attempt: any second receipt of a
    // webhook-id would be the same attempt sent twice.
    expect([...perId.values()].every((n) => n === 1)).toBe(true);
    expect(receipts).toHaveLength(200);
    const rows = await deliveryRows(ids);
    expect(rows).toHaveLength(200); // one delivery per event: the fan-out too happened once
    expect(rows.every((row) => row.attempts === 1 && row.logged === 1 && row.leaseOwner === null)).toBe(true);
    expectWellFormed(receipts);
    // Single flight across instances: the token cache row is shared, so two workers made one token request.
    expect(oauth.requests()).toBe(1);

    const stats = [a, b].map((worker) => readStoppedStats(worker, ["sent", "leaseLost", "errors"]));
    expect(stats.reduce((sum, s) => sum + s.sent, 0)).toBe(200);
    expect(stats.every((s) => s.sent > 0)).toBe(true); // the work was shared
    expect(stats.every((s) => s.leaseLost === 0 && s.errors === 0)).toBe(true);
  }, 120_000);

  it("a worker SIGKILLed mid-delivery: the other sends its deliveries again after the lease lapses, same webhook-id", async () => {
    receiver.delayMs = 2000; // slow receiver: deliveries stay in flight for 2 s
    const a = await startWorker({ PORTICO_WEBHOOK_CONCURRENCY: "10" });
    const b = await startWorker({ PORTICO_WEBHOOK_CONCURRENCY: "10" });
    const ids = await insertEvents(60, "killed");
    const pattern = `%:${a.child.pid}:%`;
    // Kill A once the receiver holds some of A's requests (sent, not yet answered).
    const heldByA = await waitFor(
      async () => {
        const result = await client.query<{ eventId: string }>(
          `SELECT "eventId" FROM "WebhookDelivery" WHERE "leaseOwner" LIKE $1 AND "status" = 'pending'`,
          [pattern],
        );
        const held = result.rows.map((row) => row.eventId);
        const sent = new Set(receiptsOf(held).map((receipt) => receipt.id));
        return held.length >= 3 && held.filter((id) => sent.has(id)).length >= 3 && held.filter((id) => sent.has(id));
      },
      30_000,
      "worker A to have requests in flight",
    );
    await stopWorker(a, "SIGKILL");
    // Everything A held when it died: sent or not, these are the only deliveries that may arrive twice.
    const orphaned = (
      await client.query<{ eventId: string }>(`SELECT "eventId" FROM "WebhookDelivery" WHERE "leaseOwner" LIKE $1`, [
        pattern,
      ])
    ).rows.map((row) => row.eventId);
    expect(orphaned.length).toBeGreaterThanOrEqual(heldByA.length);

    await waitFor(
      async () => (await deliveryRows(ids)).filter((row) => row.status === "succeeded").length === 60,
      60_000,
      "60 succeeded",
    );
    // B is the only worker left; stopped gracefully it has finished every send it started.
    await stopWorker(b);
    const rows = await deliveryRows(ids);
    expect(rows).toHaveLength(60);
    expect(rows.every((row) => row.status === "succeeded" && row.leaseOwner === null)).toBe(true);
    // A never recorded its sends: the log holds one successful attempt per delivery (B's, for A's orphans).
    expect(rows.every((row) => row.attempts === 1 && row.logged === 1)).toBe(true);

    const receipts = receiptsOf(ids);
    const byEvent = new Map<string, Receipt[]>();
    for (const receipt of receipts) {
      const eventId = (JSON.parse(receipt.body) as { id: string }).id;
      byEvent.set(eventId, [...(byEvent.get(eventId) ?? []), receipt]);
    }
    expect(new Set(byEvent.keys())).toEqual(new Set(ids)); // every event delivered
    // At-least-once: duplicates only of what A held, and every receipt of one event carries the same webhook-id.
    for (const [eventId, list] of byEvent) {
      expect(new Set(list.map((receipt) => receipt.id))).toEqual(new Set([eventId]));
      if (list.length > 1) expect(orphaned).toContain(eventId);
      expect(list.length).toBeLessThanOrEqual(2);
    }
    for (const eventId of heldByA) {
      const sends = byEvent.get(eventId) ?? [];
      const first = itemAt(sends, 0, "send by A");
      const second = itemAt(sends, 1, "send again by B");
      // …and only after A's lease ran out (B polls every 50 ms, so an early take-over would show here).
      expect(second.receivedAt - first.receivedAt).toBeGreaterThan((LEASE_SECONDS - 2) * 1000);
    }
    expectWellFormed(receipts);
    expect(readStoppedStats(b, ["leaseLost", "errors"])).toEqual({ leaseLost: 0, errors: 0 });
  }, 120_000);
});
