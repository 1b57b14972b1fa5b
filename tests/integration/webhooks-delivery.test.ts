// Delivery end to end: the server's in-process worker sends to a real receiver and fetches tokens from a real OAuth2
// server, both on loopback. Events are written to the outbox the way other capabilities do (recordEvent).
import { afterEach, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import type { EventType } from "@/lib/events/catalog";
import { createPartner, recordSampleEvent } from "../support/factories";
import { api } from "../support/http";
import { itemAt } from "../support/lists";
import { type OAuthServer, startOAuthServer } from "../support/oauth-server";
import { startWebhookReceiver, verifyReceived } from "../support/webhook-receiver";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

async function waitFor<T>(read: () => Promise<T> | T, done: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline)
      throw new Error(`condition not met within ${timeoutMs} ms: ${JSON.stringify(value)?.slice(0, 2000)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

interface Delivery {
  id: string;
  status: string;
  attempts: number;
  last_status_code: number | null;
  last_error: string | null;
  event_id: string;
}

async function setup(
  options: { authentication?: "v1" | "v2"; expiresIn?: number; receiverChecksTokens?: boolean } = {},
) {
  const receiver = await startWebhookReceiver();
  cleanups.push(receiver.close);
  let oauth: OAuthServer | undefined;
  let authentication: unknown;
  if (options.authentication === "v1") {
    oauth = await startOAuthServer({
      clientId: "portico",
      clientSecret: "client-secret",
      expiresIn: options.expiresIn,
    });
    cleanups.push(oauth.close);
    authentication = {
      type: "OAuth2",
      version: "v1",
      data: { url: oauth.url, grant_type: "client_credentials", client_id: "portico", client_secret: "client-secret" },
    };
    const server = oauth;
    if (options.receiverChecksTokens) {
      receiver.respond = (request) => {
        const token = String(request.headers.authorization ?? "").replace(/^Bearer /, "");
        return server.isValid(token) ? { status: 200, body: "ok" } : { status: 401, body: "invalid token" };
      };
    }
  }
  if (options.authentication === "v2")
    authentication = { type: "OAuth2", version: "v2", data: { token: "fixed-partner-token" } };
  const partner = await createPartner();
  const response = await api("/api/v1/webhook-endpoints", {
    token: partner.apiToken,
    json: { url: receiver.url, authentication },
  });
  expect(response.status).toBe(201);
  const endpoint = (await response.json()) as { id: string; secret: string };
  const emit = (type: EventType = "transaction.verified", label?: string) =>
    recordSampleEvent({ partnerId: partner.partnerId, type, label });
  const deliveries = async (query = "") =>
    (
      await (
        await api(`/api/v1/webhook-endpoints/${endpoint.id}/deliveries?limit=100${query}`, { token: partner.apiToken })
      ).json()
    ).data as Delivery[];
  /** Waits until the endpoint's newest delivery satisfies `done`, and returns it. */
  const newestDelivery = async (done: (delivery: Delivery) => boolean) =>
    itemAt(await waitFor(deliveries, (list) => list[0] !== undefined && done(list[0])), 0, "delivery");
  const getEndpoint = async () =>
    (await api(`/api/v1/webhook-endpoints/${endpoint.id}`, { token: partner.apiToken })).json();
  return { receiver, oauth, partner, endpoint, emit, deliveries, newestDelivery, getEndpoint };
}

const bearer = (request: { headers: Record<string, unknown> }) => String(request.headers.authorization ?? "");

describe("webhook delivery with OAuth2", () => {
  it("100 deliveries within one token lifetime make exactly 1 token request; every body is signed and well-formed", async () => {
    const { receiver, oauth, endpoint, emit } = await setup({ authentication: "v1", receiverChecksTokens: true });
    if (!oauth) throw new Error("no oauth server");
    oauth.delayMs = 200; // makes the concurrent deliveries really wait on the one token request
    const ids = await Promise.all(Array.from({ length: 100 }, (_, i) => emit("transaction.verified", `n${i}`)));
    await waitFor(
      () => receiver.received.length,
      (count) => count >= 100,
      30_000,
    );
    expect(oauth.requests()).toBe(1);
    expect(new Set(receiver.received.map((r) => r.headers["webhook-id"]))).toEqual(new Set(ids));
    for (const request of receiver.received) {
      expect(bearer(request)).toBe(`Bearer ${oauth.issued[0]}`);
      expect(verifyReceived(endpoint.secret, request)).toEqual({ ok: true });
      const body = JSON.parse(request.body);
      expect(Object.keys(body).sort()).toEqual(["created_at", "data", "id", "type"]);
      expect(body).toMatchObject({
        id: request.headers["webhook-id"],
        type: "transaction.verified",
        data: { xid: expect.stringMatching(/^n\d+$/), phone_number: "+447911123456", verified_at: expect.any(String) },
      });
      expect(request.headers["content-type"]).toBe("application/json");
    }
  });

  it("after the token expires a new one is fetched", async () => {
    const { receiver, oauth, emit } = await setup({ authentication: "v1", expiresIn: 1, receiverChecksTokens: true });
    if (!oauth) throw new Error("no oauth server");
    await emit();
    await waitFor(
      () => receiver.received.length,
      (count) => count === 1,
    );
    // The token server's own clock says when the first token has expired (Portico's margin ends it earlier still).
    const first = itemAt(oauth.issued, 0, "token");
    await waitFor(
      () => oauth.isValid(first),
      (valid) => !valid,
    );
    await emit();
    await waitFor(
      () => receiver.received.length,
      (count) => count === 2,
    );
    expect(oauth.requests()).toBe(2);
    expect(receiver.received.map(bearer)).toEqual(oauth.issued.map((token) => `Bearer ${token}`));
  });

  it("a 401 from the receiver drops the token, fetches a new one and retries once", async () => {
    const { receiver, oauth, emit, deliveries } = await setup({ authentication: "v1", receiverChecksTokens: true });
    if (!oauth) throw new Error("no oauth server");
    await emit();
    await waitFor(
      () => receiver.received.length,
      (count) => count === 1,
    );
    oauth.revoke(itemAt(oauth.issued, 0, "token")); // the partner revoked it before its expiry
    await emit();
    await waitFor(
      () => receiver.received.length,
      (count) => count === 3,
    );
    expect(oauth.requests()).toBe(2);
    expect(receiver.received.map(bearer)).toEqual([
      `Bearer ${oauth.issued[0]}`,
      `Bearer ${oauth.issued[0]}`,
      `Bearer ${oauth.issued[1]}`,
    ]);
    const log = await waitFor(
      () => deliveries("&status=succeeded"),
      (list) => list.length === 2,
    );
    expect(log.every((delivery) => delivery.attempts === 1 && delivery.last_status_code === 200)).toBe(true);
  });

  it("a receiver that keeps answering 401 gets exactly one refresh per attempt, then the retry schedule", async () => {
    const { receiver, oauth, emit, newestDelivery } = await setup({ authentication: "v1" });
    if (!oauth) throw new Error("no oauth server");
    receiver.respond = () => ({ status: 401, body: "no" });
    await emit();
    const delivery = await newestDelivery((row) => row.status === "failed");
    expect(delivery).toMatchObject({ attempts: 4, last_status_code: 401 });
    // Per attempt: the cached token, 401, one refresh, 401. The first attempt also made the initial token request.
    expect(receiver.received).toHaveLength(8);
    expect(oauth.requests()).toBe(1 + 4);
  });

  it("OAuth2 v2 sends the fixed token", async () => {
    const { receiver, endpoint, emit } = await setup({ authentication: "v2" });
    await emit("login.redeemed");
    await waitFor(
      () => receiver.received.length,
      (count) => count === 1,
    );
    const received = itemAt(receiver.received, 0, "delivery");
    expect(bearer(received)).toBe("Bearer fixed-partner-token");
    expect(verifyReceived(endpoint.secret, received)).toEqual({ ok: true });
  });

  it("without authentication no Authorization header is sent", async () => {
    const { receiver, emit } = await setup();
    await emit();
    await waitFor(
      () => receiver.received.length,
      (count) => count === 1,
    );
    expect(itemAt(receiver.received, 0, "delivery").headers.authorization).toBeUndefined();
  });

  it("token endpoint failures are recorded on the delivery and retried", async () => {
    const { receiver, oauth, emit, deliveries, newestDelivery } = await setup({ authentication: "v1" });
    if (!oauth) throw new Error("no oauth server");
    oauth.failWith = 500;
    await emit();
    const failed = await newestDelivery((row) => row.attempts >= 1);
    expect(failed).toMatchObject({
      status: "pending",
      last_status_code: null,
      last_error: expect.stringContaining("token endpoint"),
    });
    expect(receiver.received).toHaveLength(0);
    oauth.failWith = undefined;
    await waitFor(
      () => deliveries("&status=succeeded"),
      (list) => list.length === 1,
    );
    expect(receiver.received).toHaveLength(1);
  });

  it("receiver down then up: retried to success with the same webhook-id", async () => {
    const { receiver, emit, newestDelivery } = await setup();
    await receiver.down();
    const eventId = await emit();
    const failed = await newestDelivery((row) => row.attempts >= 1);
    expect(failed).toMatchObject({
      status: "pending",
      last_status_code: null,
      last_error: expect.stringContaining("network_error"),
    });
    await receiver.up();
    const done = await newestDelivery((row) => row.status === "succeeded");
    expect(done.attempts).toBeGreaterThanOrEqual(2);
    expect(receiver.received.map((r) => r.headers["webhook-id"])).toEqual([eventId]);
  });

  it("a 3xx is a failure (no redirect followed) and ends as failed after the schedule", async () => {
    const { receiver, emit, getEndpoint, newestDelivery } = await setup();
    receiver.respond = (request) =>
      request.headers["x-followed"]
        ? { status: 200 }
        : { status: 302, headers: { location: `${receiver.url}/elsewhere` } };
    await emit();
    const delivery = await newestDelivery((row) => row.status === "failed");
    expect(delivery).toMatchObject({ attempts: 4, last_status_code: 302 });
    expect(receiver.received).toHaveLength(4); // the Location was never requested
    expect((await getEndpoint()).failing_since).not.toBeNull();
  });

  it("honours Retry-After on 429", async () => {
    const { receiver, emit, deliveries } = await setup();
    receiver.respond = () =>
      receiver.received.length === 1 ? { status: 429, headers: { "retry-after": "3" } } : { status: 200 };
    await emit();
    await waitFor(
      () => receiver.received.length,
      (count) => count === 2,
      10_000,
    );
    const gap = itemAt(receiver.received, 1, "retry").receivedAt - itemAt(receiver.received, 0, "delivery").receivedAt;
    expect(gap).toBeGreaterThanOrEqual(2900); // the schedule alone would have retried after ~1 s
    await waitFor(
      () => deliveries("&status=succeeded"),
      (list) => list.length === 1,
    );
  });

  it("a 410 disables the endpoint at once, with the reason", async () => {
    const { receiver, emit, deliveries, getEndpoint, newestDelivery } = await setup();
    receiver.respond = () => ({ status: 410, body: "gone" });
    await emit();
    const delivery = await newestDelivery((row) => row.status === "failed");
    expect(delivery).toMatchObject({ attempts: 1, last_status_code: 410 });
    const endpoint = await getEndpoint();
    expect(endpoint).toMatchObject({ status: "disabled", disabled_reason: expect.stringContaining("410") });
    // Not sent while disabled: once the event is fanned out (marked dispatched in the commit that writes its
    // deliveries), it has no delivery to this endpoint, so nothing can ever be sent for it.
    const skipped = await emit();
    await waitFor(
      () => getDb().event.findUniqueOrThrow({ where: { id: skipped } }),
      (event) => event.dispatchedAt !== null,
    );
    expect((await deliveries()).map((row) => row.event_id)).not.toContain(skipped);
    expect(receiver.received).toHaveLength(1);
  });

  it("an endpoint failing for longer than the disable period is disabled; re-enable resumes delivery", async () => {
    const { receiver, partner, endpoint, emit, getEndpoint, newestDelivery } = await setup();
    receiver.respond = () => ({ status: 500, body: "boom" });
    // As if every delivery had failed for 6 days (the default period is 5).
    await getDb().webhookEndpoint.update({
      where: { id: endpoint.id },
      data: { failingSince: new Date(Date.now() - 6 * 24 * 3600_000) },
    });
    await emit();
    const disabled = await waitFor(getEndpoint, (value) => value.status === "disabled");
    expect(disabled.disabled_reason).toMatch(/failed for 120 hours/);
    receiver.respond = () => ({ status: 200 });
    const enabled = await api(`/api/v1/webhook-endpoints/${endpoint.id}/enable`, {
      token: partner.apiToken,
      method: "POST",
    });
    expect(await enabled.json()).toMatchObject({ status: "enabled", disabled_reason: null, failing_since: null });
    await newestDelivery((row) => row.status === "succeeded");
  });

  it("only matching event types are delivered; other partners' events never reach the endpoint", async () => {
    const { receiver, partner, emit } = await setup();
    const filtered = await startWebhookReceiver();
    cleanups.push(filtered.close);
    await api("/api/v1/webhook-endpoints", {
      token: partner.apiToken,
      json: { url: filtered.url, events: ["login.redeemed"] },
    });
    const stranger = await createPartner();
    await recordSampleEvent({ partnerId: stranger.partnerId, type: "login.redeemed" });
    await emit("transaction.verified");
    const redeemed = await emit("login.redeemed");
    await waitFor(
      () => receiver.received.length,
      (count) => count === 2,
    );
    await waitFor(
      () => filtered.received.length,
      (count) => count === 1,
    );
    expect(itemAt(filtered.received, 0, "delivery").headers["webhook-id"]).toBe(redeemed);
  });
});
