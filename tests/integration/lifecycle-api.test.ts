// Lifecycle over the management API: edit and delete services and webhook endpoints, disable/enable, API tokens,
// delivery detail with the receiver's answer. Real HTTP against the built app; receivers and OAuth2 server on loopback.
import { randomBytes } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { createUser } from "@/lib/auth/users";
import { getDb } from "@/lib/db/client";
import { recordEvent } from "@/lib/events/outbox";
import { grantEntitlement } from "@/lib/login/entitlements";
import { setServicePublished } from "@/lib/services/services";
import type { DeliveryDetailOutput, EndpointOutput } from "@/lib/webhooks/schemas";
import { createPartner, sampleEventData, uniqueEmail } from "../support/factories";
import { api, randomClientIp } from "../support/http";
import { itemAt } from "../support/lists";
import { startOAuthServer } from "../support/oauth-server";
import { signInWithPassword } from "../support/sign-in";
import { startWebhookReceiver } from "../support/webhook-receiver";
import { waitFor } from "../support/worker-process";

/** Reads `url` as JSON until `done` holds (the worker runs inside the server, on its own schedule). */
function readUntil<T>(url: string, token: string, done: (body: T) => boolean): Promise<T> {
  return waitFor(
    async () => {
      const body = (await (await api(url, { token })).json()) as T;
      return done(body) ? body : false;
    },
    20_000,
    `${url} to reach the expected state`,
  );
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

type Partner = Awaited<ReturnType<typeof createPartner>>;

async function createService(partner: Partner, url = "https://app.example.com/start") {
  const response = await api("/api/v1/services", {
    token: partner.apiToken,
    json: { name: `App ${randomBytes(3).toString("hex")}`, url },
  });
  expect(response.status).toBe(201);
  return (await response.json()) as { id: string; service_id: string; url: string; state: string };
}

async function createEndpoint(partner: Partner, body: Record<string, unknown>) {
  const response = await api("/api/v1/webhook-endpoints", { token: partner.apiToken, json: body });
  expect(response.status).toBe(201);
  return (await response.json()) as { id: string; secret: string };
}

async function startReceiver() {
  const receiver = await startWebhookReceiver();
  cleanups.push(receiver.close);
  return receiver;
}

const eventTypesOf = async (partnerId: string) =>
  (await getDb().event.findMany({ where: { partnerId }, orderBy: { createdAt: "asc" } })).map((event) => event.type);

describe("PATCH and DELETE /api/v1/services/{id}", () => {
  it("changes only the fields sent and answers the service as GET shows it, with a service.updated event", async () => {
    const partner = await createPartner();
    const service = await createService(partner);
    const response = await api(`/api/v1/services/${service.id}`, {
      token: partner.apiToken,
      method: "PATCH",
      json: { name: "Renamed", check_interval_seconds: 600 },
    });
    expect(response.status).toBe(200);
    const updated = await response.json();
    expect(updated).toMatchObject({ id: service.id, name: "Renamed", check_interval_seconds: 600, url: service.url });
    const shown = await (await api(`/api/v1/services/${service.id}`, { token: partner.apiToken })).json();
    expect(shown).toEqual(updated);
    expect(await eventTypesOf(partner.partnerId)).toContain("service.updated");
  });

  it("refuses bad input with a field-naming 400 and changes nothing", async () => {
    const partner = await createPartner();
    const service = await createService(partner);
    for (const json of [{ name: "" }, { check_interval_seconds: 5 }, { url: "ftp://x" }, { nope: 1 }]) {
      const response = await api(`/api/v1/services/${service.id}`, { token: partner.apiToken, method: "PATCH", json });
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ error: "invalid_request", message: expect.any(String) });
    }
    const shown = await (await api(`/api/v1/services/${service.id}`, { token: partner.apiToken })).json();
    expect(shown).toMatchObject({ name: expect.stringMatching(/^App /), check_interval_seconds: 300 });
  });

  it("a new URL sends a published service back to review, with a reason the partner sees", async () => {
    const partner = await createPartner();
    const service = await createService(partner);
    await setServicePublished({ id: service.id, published: true });
    const renamed = await api(`/api/v1/services/${service.id}`, {
      token: partner.apiToken,
      method: "PATCH",
      json: { name: "Still published" },
    });
    expect(await renamed.json()).toMatchObject({ state: "published", review_reason: null });
    const moved = await api(`/api/v1/services/${service.id}`, {
      token: partner.apiToken,
      method: "PATCH",
      json: { url: "https://new.example.com/app" },
    });
    expect(await moved.json()).toMatchObject({
      state: "submitted",
      url: "https://new.example.com/app",
      status: "unknown",
      review_reason: expect.stringContaining("URL changed"),
    });
  });

  it("another partner's service is a 404 for GET, PATCH and DELETE, and stays untouched", async () => {
    const owner = await createPartner();
    const other = await createPartner();
    const service = await createService(owner);
    expect((await api(`/api/v1/services/${service.id}`, { token: other.apiToken })).status).toBe(404);
    const patch = await api(`/api/v1/services/${service.id}`, {
      token: other.apiToken,
      method: "PATCH",
      json: { name: "Hijacked" },
    });
    expect(patch.status).toBe(404);
    expect(await patch.json()).toMatchObject({ error: "not_found" });
    expect((await api(`/api/v1/services/${service.id}`, { token: other.apiToken, method: "DELETE" })).status).toBe(404);
    const shown = await (await api(`/api/v1/services/${service.id}`, { token: owner.apiToken })).json();
    expect(shown.name).not.toBe("Hijacked");
  });

  it("a deleted service is gone for every caller: GET, certify, launch and its unredeemed one-time tokens", async () => {
    const partner = await createPartner();
    const service = await createService(partner);
    await setServicePublished({ id: service.id, published: true });
    const email = uniqueEmail("user");
    const password = "a long enough password";
    await createUser({ email, password, role: "end_user" });
    await grantEntitlement({ email, serviceId: service.id });
    const signedIn = await signInWithPassword({
      email,
      password,
      ip: randomClientIp(),
    });
    const cookie = signedIn.sessionCookie ?? "";
    const launched = await api(`/launch/${service.id}`, { headers: { cookie } });
    expect(launched.status).toBe(302);
    const loginToken = new URL(launched.headers.get("location") ?? "").searchParams.get("services") ?? "";
    expect(loginToken).not.toBe("");

    const deleted = await api(`/api/v1/services/${service.id}`, { token: partner.apiToken, method: "DELETE" });
    expect(deleted.status).toBe(204);

    expect((await api(`/api/v1/services/${service.id}`, { token: partner.apiToken })).status).toBe(404);
    const certify = await api("/api/v1/certify", {
      headers: { authorization: "Bearer 123456789" },
      json: { service_id: service.service_id },
    });
    expect(certify.status).toBe(404);
    expect(await certify.json()).toMatchObject({ error: "not_found" });
    const launchAgain = await api(`/launch/${service.id}`, { headers: { cookie } });
    expect(launchAgain.status).toBe(404);
    const redeemed = await api(`/api/authorization/${loginToken}`, { token: partner.apiToken });
    expect(redeemed.status).toBe(404);
    expect(await redeemed.json()).toEqual({ success: false, message: expect.any(String) });
    // No more checks: nothing left for the scheduler to pick up.
    expect(await getDb().service.count({ where: { id: service.id } })).toBe(0);
    expect(await getDb().serviceCheck.count({ where: { serviceId: service.id } })).toBe(0);
    expect(await eventTypesOf(partner.partnerId)).toContain("service.deleted");
    expect((await api(`/api/v1/services/${service.id}`, { token: partner.apiToken, method: "DELETE" })).status).toBe(
      404,
    );
  });
});

describe("webhook endpoint lifecycle", () => {
  it("PATCH changes URL, description, events and OAuth2 authentication with a scope that is sent", async () => {
    const partner = await createPartner();
    const oauth = await startOAuthServer({ clientId: "portico", clientSecret: "s3cret" });
    cleanups.push(oauth.close);
    const receiver = await startReceiver();
    const endpoint = await createEndpoint(partner, { url: "https://hooks.example.com/a" });
    const response = await api(`/api/v1/webhook-endpoints/${endpoint.id}`, {
      token: partner.apiToken,
      method: "PATCH",
      json: {
        url: receiver.url,
        description: "Orders",
        events: ["webhook.test"],
        authentication: {
          type: "OAuth2",
          version: "v1",
          data: {
            url: oauth.url,
            grant_type: "client_credentials",
            client_id: "portico",
            client_secret: "s3cret",
            scope: "webhooks:write",
          },
        },
      },
    });
    expect(response.status).toBe(200);
    const updated = await response.json();
    expect(updated).toMatchObject({
      url: receiver.url,
      description: "Orders",
      events: ["webhook.test"],
      authentication: { type: "OAuth2", version: "v1", data: { client_id: "portico", scope: "webhooks:write" } },
      last_token_fetch: null,
    });
    expect(JSON.stringify(updated)).not.toContain("s3cret");

    const test = await api(`/api/v1/webhook-endpoints/${endpoint.id}/test`, {
      token: partner.apiToken,
      method: "POST",
    });
    expect(test.status).toBe(202);
    await waitFor(() => receiver.received.length === 1, 20_000, "receiver to receive one request");
    expect(oauth.scopes).toEqual(["webhooks:write"]);
    expect(itemAt(receiver.received, 0, "delivery").headers.authorization).toBe(`Bearer ${oauth.issued[0]}`);
    const health = await readUntil<EndpointOutput>(
      `/api/v1/webhook-endpoints/${endpoint.id}`,
      partner.apiToken,
      (body) => body.last_token_fetch !== null,
    );
    expect(health.last_token_fetch).toMatchObject({ ok: true, error: null });
    expect(await eventTypesOf(partner.partnerId)).toContain("webhook_endpoint.updated");
  });

  it("a disabled endpoint receives nothing and refuses test events (409); enabled again it receives", async () => {
    const partner = await createPartner();
    const paused = await startReceiver();
    const witness = await startReceiver();
    const pausedEndpoint = await createEndpoint(partner, { url: paused.url, events: ["transaction.verified"] });
    await createEndpoint(partner, { url: witness.url, events: ["transaction.verified"] });

    const disabled = await api(`/api/v1/webhook-endpoints/${pausedEndpoint.id}/disable`, {
      token: partner.apiToken,
      method: "POST",
      json: { reason: "Maintenance window" },
    });
    expect(disabled.status).toBe(200);
    expect(await disabled.json()).toMatchObject({ status: "disabled", disabled_reason: "Maintenance window" });
    const test = await api(`/api/v1/webhook-endpoints/${pausedEndpoint.id}/test`, {
      token: partner.apiToken,
      method: "POST",
    });
    expect(test.status).toBe(409);
    expect(await test.json()).toMatchObject({ error: "conflict" });

    await recordEvent(getDb(), {
      partnerId: partner.partnerId,
      type: "transaction.verified",
      data: sampleEventData("transaction.verified", "one"),
    });
    // The witness endpoint got the event: the dispatcher has run past it, and the paused one was skipped.
    await waitFor(() => witness.received.length === 1, 20_000, "witness to receive one request");
    expect(paused.received).toHaveLength(0);
    const deliveries = await (
      await api(`/api/v1/webhook-endpoints/${pausedEndpoint.id}/deliveries`, { token: partner.apiToken })
    ).json();
    expect(deliveries.data).toEqual([]);

    const enabled = await api(`/api/v1/webhook-endpoints/${pausedEndpoint.id}/enable`, {
      token: partner.apiToken,
      method: "POST",
    });
    expect(await enabled.json()).toMatchObject({ status: "enabled", disabled_reason: null });
    await recordEvent(getDb(), {
      partnerId: partner.partnerId,
      type: "transaction.verified",
      data: sampleEventData("transaction.verified", "two"),
    });
    await waitFor(() => paused.received.length === 1, 20_000, "paused to receive one request");
    expect(JSON.parse(itemAt(paused.received, 0, "delivery").body).data).toMatchObject({ xid: "two" });
    const types = await eventTypesOf(partner.partnerId);
    expect(types).toEqual(expect.arrayContaining(["webhook_endpoint.disabled", "webhook_endpoint.enabled"]));
  });

  it("disable without a body says it was disabled by hand", async () => {
    const partner = await createPartner();
    const endpoint = await createEndpoint(partner, { url: "https://hooks.example.com/x" });
    const response = await api(`/api/v1/webhook-endpoints/${endpoint.id}/disable`, {
      token: partner.apiToken,
      method: "POST",
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: "disabled", disabled_reason: "Disabled by hand." });
  });

  it("a deleted endpoint receives nothing more and is a 404", async () => {
    const partner = await createPartner();
    const gone = await startReceiver();
    const witness = await startReceiver();
    const goneEndpoint = await createEndpoint(partner, { url: gone.url, events: ["transaction.verified"] });
    await createEndpoint(partner, { url: witness.url, events: ["transaction.verified"] });
    const deleted = await api(`/api/v1/webhook-endpoints/${goneEndpoint.id}`, {
      token: partner.apiToken,
      method: "DELETE",
    });
    expect(deleted.status).toBe(204);
    await recordEvent(getDb(), {
      partnerId: partner.partnerId,
      type: "transaction.verified",
      data: sampleEventData("transaction.verified", "x"),
    });
    await waitFor(() => witness.received.length === 1, 20_000, "witness to receive one request");
    expect(gone.received).toHaveLength(0);
    expect((await api(`/api/v1/webhook-endpoints/${goneEndpoint.id}`, { token: partner.apiToken })).status).toBe(404);
    expect(await eventTypesOf(partner.partnerId)).toContain("webhook_endpoint.deleted");
  });

  it("another partner gets 404 from every endpoint route and changes nothing", async () => {
    const owner = await createPartner();
    const other = await createPartner();
    const endpoint = await createEndpoint(owner, { url: "https://hooks.example.com/owner" });
    const base = `/api/v1/webhook-endpoints/${endpoint.id}`;
    const calls = [
      api(base, { token: other.apiToken }),
      api(base, { token: other.apiToken, method: "PATCH", json: { url: "https://evil.example.com/" } }),
      api(`${base}/disable`, { token: other.apiToken, method: "POST" }),
      api(`${base}/enable`, { token: other.apiToken, method: "POST" }),
      api(`${base}/deliveries/dlv_missing`, { token: other.apiToken }),
      api(base, { token: other.apiToken, method: "DELETE" }),
    ];
    for (const response of await Promise.all(calls)) expect(response.status).toBe(404);
    const shown = await (await api(base, { token: owner.apiToken })).json();
    expect(shown).toMatchObject({ url: "https://hooks.example.com/owner", status: "enabled" });
  });
});

describe("GET /api/v1/webhook-endpoints/{id}/deliveries/{delivery_id}", () => {
  it("shows the payload, the headers sent with Authorization masked, and each failed attempt's answer", async () => {
    const partner = await createPartner();
    const receiver = await startReceiver();
    const longBody = `order 42 rejected: ${"x".repeat(6000)}`;
    let calls = 0;
    receiver.respond = () => {
      calls++;
      return calls === 1
        ? { status: 500, headers: { "x-request-id": "req-1" }, body: "database is down, try later" }
        : { status: 422, headers: { "x-request-id": "req-2" }, body: longBody };
    };
    const endpoint = await createEndpoint(partner, {
      url: receiver.url,
      authentication: { type: "OAuth2", version: "v2", data: { token: "fixed-partner-token" } },
    });
    const queued = await (
      await api(`/api/v1/webhook-endpoints/${endpoint.id}/test`, { token: partner.apiToken, method: "POST" })
    ).json();
    const detailUrl = `/api/v1/webhook-endpoints/${endpoint.id}/deliveries/${queued.delivery_id}`;
    const first = await readUntil<DeliveryDetailOutput>(
      detailUrl,
      partner.apiToken,
      (body) => body.attempts?.length === 1,
    );
    expect(first).toMatchObject({
      id: queued.delivery_id,
      event_type: "webhook.test",
      payload: { id: queued.event_id, type: "webhook.test", data: { endpoint_id: endpoint.id } },
    });
    expect(first.request_headers).toMatchObject({
      authorization: "Bearer ********",
      "content-type": "application/json",
      "webhook-id": queued.event_id,
    });
    expect(JSON.stringify(first)).not.toContain("fixed-partner-token");
    expect(first.attempts[0]).toMatchObject({
      status_code: 500,
      duration_ms: expect.any(Number),
      error: "HTTP 500",
      response_body: "database is down, try later",
      response_truncated: false,
      response_headers: expect.objectContaining({ "x-request-id": "req-1" }),
    });
    expect(Date.parse(itemAt(first.attempts, 0, "attempt").attempted_at)).not.toBeNaN();

    // Replay: the second attempt's answer is longer than 4 KiB and shown cut.
    await api(`${detailUrl}/replay`, { token: partner.apiToken, method: "POST" });
    const second = await readUntil<DeliveryDetailOutput>(
      detailUrl,
      partner.apiToken,
      (body) => body.attempts?.length === 2,
    );
    const last = itemAt(second.attempts, 1, "attempt");
    expect(last).toMatchObject({ status_code: 422, response_truncated: true });
    expect(Buffer.byteLength(last.response_body ?? "")).toBe(4096);
    expect(longBody.startsWith(last.response_body ?? "-")).toBe(true);
  });
});

describe("API tokens over the API", () => {
  it("creates (shown once), lists, hides revoked on request, and revokes", async () => {
    const partner = await createPartner();
    const created = await api("/api/v1/api-tokens", {
      token: partner.apiToken,
      json: { name: "CI deploys", expires_in_days: 30 },
    });
    expect(created.status).toBe(201);
    const token = await created.json();
    expect(token).toMatchObject({ id: expect.stringMatching(/^tok_/), name: "CI deploys", token: expect.any(String) });
    expect(Date.parse(token.expires_at) - Date.now()).toBeGreaterThan(29 * 86_400_000);
    expect((await api("/api/v1/services", { token: token.token })).status).toBe(200);

    const list = await (await api("/api/v1/api-tokens", { token: partner.apiToken })).json();
    expect(list.data.map((row: { id: string }) => row.id)).toEqual(expect.arrayContaining([token.id]));
    const row = list.data.find((entry: { id: string }) => entry.id === token.id);
    expect(Object.keys(row).sort()).toEqual(
      ["created_at", "expires_at", "id", "last_four", "last_used_at", "name", "revoked_at"].sort(),
    );
    expect(row.last_four).toBe(token.token.slice(-4));
    expect(JSON.stringify(list)).not.toContain(token.token);

    expect((await api(`/api/v1/api-tokens/${token.id}`, { token: partner.apiToken, method: "DELETE" })).status).toBe(
      204,
    );
    const all = await (await api("/api/v1/api-tokens", { token: partner.apiToken })).json();
    expect(all.data.find((entry: { id: string }) => entry.id === token.id).revoked_at).not.toBeNull();
    const active = await (await api("/api/v1/api-tokens?include_revoked=false", { token: partner.apiToken })).json();
    expect(active.data.map((entry: { id: string }) => entry.id)).not.toContain(token.id);
    expect((await api("/api/v1/api-tokens?include_revoked=maybe", { token: partner.apiToken })).status).toBe(400);
    expect(await eventTypesOf(partner.partnerId)).toEqual(
      expect.arrayContaining(["api_token.created", "api_token.revoked"]),
    );
  });

  it("refuses bad input and another partner's token id", async () => {
    const partner = await createPartner();
    const other = await createPartner();
    for (const json of [{}, { name: "" }, { name: "x", expires_in_days: 0 }, { name: "x", extra: true }]) {
      const response = await api("/api/v1/api-tokens", { token: partner.apiToken, json });
      expect(response.status).toBe(400);
    }
    const revoke = await api(`/api/v1/api-tokens/${partner.apiTokenId}`, { token: other.apiToken, method: "DELETE" });
    expect(revoke.status).toBe(404);
    expect((await api("/api/v1/services", { token: partner.apiToken })).status).toBe(200);
  });

  it("a revoked token is refused by every token-auth route on the very next request", async () => {
    const partner = await createPartner();
    const created = await (
      await api("/api/v1/api-tokens", { token: partner.apiToken, json: { name: "doomed" } })
    ).json();
    const doomed: string = created.token;
    // Warm every hot path (issuance, transactions, redemption) so a cache would hold the token.
    const phone = "+33612345678";
    expect((await api(`/api/v1/token/${encodeURIComponent(phone)}`, { token: doomed })).status).toBe(200);
    expect((await api("/api/v1/services", { token: doomed })).status).toBe(200);
    expect((await api(`/api/authorization/${"A".repeat(43)}`, { token: doomed })).status).toBe(404);

    // The token revokes itself: the revocation must reach this very process's caches too.
    expect((await api(`/api/v1/api-tokens/${created.id}`, { token: doomed, method: "DELETE" })).status).toBe(204);

    const document = await (await api("/api/openapi.json")).json();
    const checked: string[] = [];
    for (const [path, operations] of Object.entries(document.paths as Record<string, Record<string, unknown>>)) {
      for (const [method, operation] of Object.entries(operations as Record<string, { security?: unknown[] }>)) {
        if (operation.security) continue; // public or session-only routes
        const concrete = path
          .replace("{phone_number}", encodeURIComponent(phone))
          .replace("{services_token}", "A".repeat(43))
          .replace(/\{[^}]+\}/g, "x_1");
        const response = await api(concrete, {
          token: doomed,
          method: method.toUpperCase(),
          json: ["post", "put", "patch"].includes(method) ? {} : undefined,
        });
        expect(response.status, `${method.toUpperCase()} ${path}`).toBe(401);
        checked.push(`${method} ${path}`);
      }
    }
    expect(checked.length).toBeGreaterThan(20);
    expect(checked).toEqual(
      expect.arrayContaining([
        "get /api/v1/token/{phone_number}",
        "get /api/v1/transactions/{xid}",
        "get /api/authorization/{services_token}",
      ]),
    );
  });
});
