// The partner SDK against the real built Portico over HTTP: every route the typed client names, and the SDK's own
// handlers (/authorize, A&A callback, webhook receiver) as the partner endpoints Portico calls.
import { randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createUser } from "@/lib/auth/users";
import { grantEntitlement } from "@/lib/login/entitlements";
import { setServicePublished } from "@/lib/services/services";
import {
  acceptInvitation,
  createAuthorizeHandler,
  createCallbackHandler,
  createPorticoClient,
  createWebhookHandler,
  PorticoApiError,
  type PorticoClient,
  type PorticoEvent,
  toNodeHandler,
} from "@/sdk/src/index";
import { createPartner, uniqueEmail } from "../support/factories";
import { randomClientIp } from "../support/http";
import { signInWithPassword } from "../support/sign-in";

async function waitFor<T>(read: () => Promise<T> | T, done: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The partner's app: routes filled in once Portico has handed out the service's and endpoint's secrets. */
const routes = new Map<string, (request: Request) => Promise<Response>>();
let partnerApp: http.Server;
let partnerOrigin: string;
let client: PorticoClient;
let partner: Awaited<ReturnType<typeof createPartner>>;

beforeAll(async () => {
  const handler = toNodeHandler(async (request) => {
    const route = routes.get(`${request.method} ${new URL(request.url).pathname}`);
    return route ? route(request) : new Response(null, { status: 404 });
  });
  partnerApp = http.createServer((req, res) => void handler(req, res));
  await new Promise<void>((resolve) => partnerApp.listen(0, "127.0.0.1", resolve));
  partnerOrigin = `http://127.0.0.1:${(partnerApp.address() as AddressInfo).port}`;
  partner = await createPartner({ timeZone: "Europe/Paris" });
  client = createPorticoClient({ baseUrl: inject("baseUrl"), apiToken: partner.apiToken });
});
afterAll(() => new Promise<void>((resolve) => partnerApp.close(() => resolve())));

describe("typed client: services and checks", () => {
  it("creates, lists, gets and checks a service whose /authorize is the SDK's handler; pages through checks", async () => {
    const created = await client.services.create({ name: "SDK app", url: `${partnerOrigin}/app?lang=en` });
    expect(created.service_secret).toBeTruthy();
    routes.set(
      "GET /authorize",
      createAuthorizeHandler({ serviceId: created.service_id, serviceSecret: created.service_secret, version: "v7" }),
    );
    expect((await client.services.list()).data.map((service) => service.id)).toContain(created.id);
    expect(await client.services.get(created.id)).toMatchObject({ id: created.id, name: "SDK app" });

    expect(await client.services.check(created.id)).toMatchObject({ status: "live", version: "v7", error: null });
    expect(await client.services.check(created.id)).toMatchObject({ status: "live" });
    expect(await client.services.get(created.id)).toMatchObject({ status: "live", version: "v7" });

    const firstPage = await client.services.listChecks(created.id, { limit: 1 });
    expect(firstPage.data).toHaveLength(1);
    expect(firstPage.next_cursor).toBeTruthy();
    const all = await client.services.listChecks(created.id, { limit: 1 }).toArray();
    expect(all.length).toBeGreaterThanOrEqual(2);
    expect(all.every((check) => check.status === "live")).toBe(true);
  });

  it("throws PorticoApiError with the contract's code, status and field issues", async () => {
    const missing = await client.services.get("svc_00000000000000000000").catch((error: unknown) => error);
    expect(missing).toBeInstanceOf(PorticoApiError);
    expect(missing).toMatchObject({ name: "PorticoApiError", status: 404, code: "not_found" });
    expect((missing as PorticoApiError).requestId).toMatch(/^[0-9a-f-]{36}$/);

    const invalid = await client.services.create({ name: "", url: "not a url" }).catch((error: unknown) => error);
    expect(invalid).toMatchObject({ status: 400, code: "invalid_request" });
    expect((invalid as PorticoApiError).message).toContain("url");

    const unauthenticated = createPorticoClient({ baseUrl: inject("baseUrl"), apiToken: "ptk_not_a_token" });
    await expect(unauthenticated.services.list()).rejects.toMatchObject({ status: 401, code: "unauthorized" });
  });

  it("updates and deletes a service; another partner's client gets 404 for both, and the deletion is audited", async () => {
    const service = await client.services.create({ name: "Short-lived", url: `${partnerOrigin}/short` });
    expect(await client.services.update(service.id, { name: "Renamed", check_interval_seconds: 600 })).toMatchObject({
      id: service.id,
      name: "Renamed",
      check_interval_seconds: 600,
    });

    const stranger = createPorticoClient({ baseUrl: inject("baseUrl"), apiToken: (await createPartner()).apiToken });
    // Both refusals are caught as they are made: a rejection left waiting while the other is awaited is unhandled.
    const refusals = await Promise.all(
      [stranger.services.update(service.id, { name: "Mine" }), stranger.services.delete(service.id)].map((attempt) =>
        attempt.catch((error: unknown) => error),
      ),
    );
    for (const refused of refusals) {
      expect(refused).toBeInstanceOf(PorticoApiError);
      expect(refused).toMatchObject({ status: 404, code: "not_found" });
    }
    expect(await client.services.get(service.id)).toMatchObject({ name: "Renamed" });

    expect(await client.services.delete(service.id)).toBeUndefined();
    await expect(client.services.get(service.id)).rejects.toMatchObject({ status: 404, code: "not_found" });
    await expect(client.services.delete(service.id)).rejects.toMatchObject({ status: 404 });
    const [deleted] = (await client.auditEvents.list({ action: "service.deleted", limit: 1 })).data;
    expect(deleted).toMatchObject({
      action: "service.deleted",
      target: { id: service.id },
      actor: { type: "api_token" },
    });
  });
});

describe("typed client: callback verification and certify", () => {
  it("configures development mode, regenerates its token, and certifies with it", async () => {
    const service = await client.services.create({ name: "Device app", url: `${partnerOrigin}/device` });
    await client.callbacks.configure(service.id, { mode: "development" });
    const { development_token } = await client.callbacks.regenerateDevelopmentToken(service.id);
    expect((await client.callbacks.get(service.id)).development_token).toBe(development_token);

    const anonymous = createPorticoClient({ baseUrl: inject("baseUrl"), apiToken: "unused" });
    expect(await anonymous.certify({ serviceId: service.service_id, accessToken: development_token })).toEqual({
      certified: true,
    });
    await expect(anonymous.certify({ serviceId: service.service_id, accessToken: "wrong" })).rejects.toMatchObject({
      status: 403,
      code: "not_certified",
    });
    const logs = await client.callbacks.listLogs(service.id, { limit: 10 });
    expect(logs.data.length).toBeGreaterThanOrEqual(2);
  });

  it("production mode asks the SDK's A&A handler; the callback test sends a random token it refuses", async () => {
    const service = await client.services.create({ name: "Prod app", url: `${partnerOrigin}/prod` });
    const deviceToken = randomBytes(12).toString("hex");
    routes.set(
      "POST /aa",
      createCallbackHandler({
        apiUser: "portico",
        apiSecret: "aa-secret",
        verifyAccessToken: ({ accessToken }) => accessToken === deviceToken,
      }),
    );
    await client.callbacks.configure(service.id, {
      mode: "production",
      url: `${partnerOrigin}/aa`,
      api_user: "portico",
      api_password: "aa-secret",
    });
    const test = await client.callbacks.test(service.id);
    expect(test).toMatchObject({ ok: false, callback_status: 401 });

    // Production certify needs a published service (the admin's decision).
    const device = createPorticoClient({ baseUrl: inject("baseUrl"), apiToken: "unused" });
    await expect(device.certify({ serviceId: service.service_id, accessToken: deviceToken })).rejects.toMatchObject({
      status: 403,
    });
    await setServicePublished({ id: service.id, published: true });
    expect(await device.certify({ serviceId: service.service_id, accessToken: deviceToken })).toEqual({
      certified: true,
    });
  });
});

describe("typed client: tokens and transactions", () => {
  it("issues a JWT (about 80 s left: iat is back-dated 10 s), verifies it and reads the transaction", async () => {
    const xid = `sdk-${randomBytes(4).toString("hex")}`;
    const issued = await client.tokens.issue({ phoneNumber: "+14155552671", xid });
    expect(issued.xid).toBe(xid);
    expect(issued.expiresAt.getTime() - issued.issuedAt.getTime()).toBe(90_000);
    expect(issued.issuedAt.getTime()).toBeLessThan(Date.now() - 5_000);
    expect(await client.transactions.get(xid)).toMatchObject({ xid, status: "issued", phone_number: "+14155552671" });
    expect(await client.tokens.verify(issued.token)).toMatchObject({ valid: true, xid });
    expect(await client.transactions.get(xid)).toMatchObject({ status: "verified" });

    const fresh = await client.tokens.issue({ phoneNumber: "+14155552671" });
    expect(fresh.xid).toMatch(/^[0-9a-f-]{36}$/);
    await expect(client.tokens.issue({ phoneNumber: "+14155552671", xid })).rejects.toMatchObject({
      status: 409,
      code: "conflict",
    });
  });
});

describe("typed client: webhook endpoints and the SDK's receiver", () => {
  it("creates an endpoint, receives a signed test event, reads its delivery detail, rotates, replays, edits, disables (test event 409), enables and deletes it", async () => {
    const received: { event: PorticoEvent; id: string }[] = [];
    let secrets: string[] = [];
    routes.set("POST /webhooks", (request) =>
      createWebhookHandler({
        secret: secrets,
        onEvent: (event, delivery) => void received.push({ event, id: delivery.id }),
      })(request),
    );
    const endpoint = await client.webhookEndpoints.create({
      url: `${partnerOrigin}/webhooks`,
      events: ["webhook.test"],
    });
    secrets = [endpoint.secret];
    expect((await client.webhookEndpoints.list()).data.map((item) => item.id)).toContain(endpoint.id);
    expect(await client.webhookEndpoints.get(endpoint.id)).toMatchObject({ id: endpoint.id, url: endpoint.url });

    const test = await client.webhookEndpoints.sendTestEvent(endpoint.id);
    await waitFor(
      () => received,
      (items) => items.length === 1,
    );
    expect(received[0]?.event.type).toBe("webhook.test");
    const delivery = await waitFor(
      async () => await client.webhookEndpoints.listDeliveries(endpoint.id, { limit: 10 }),
      (page) => page.data.some((item) => item.id === test.delivery_id && item.status === "succeeded"),
    );
    expect(delivery.data.length).toBeGreaterThanOrEqual(1);
    const attempts = await client.webhookEndpoints.listAttempts(endpoint.id, test.delivery_id);
    expect(attempts.data[0]).toMatchObject({ status_code: 204 });
    const detail = await client.webhookEndpoints.getDelivery(endpoint.id, test.delivery_id);
    expect(detail).toMatchObject({ id: test.delivery_id, event_type: "webhook.test", status: "succeeded" });
    expect(detail.payload).toMatchObject({ id: received[0]?.id, type: "webhook.test" });
    expect(detail.request_headers?.["webhook-id"]).toBe(received[0]?.id);
    expect(detail.attempts).toEqual([expect.objectContaining({ status_code: 204, response_truncated: false })]);

    // Rotation: the receiver now knows only the new secret, and Portico signs with both.
    const rotated = await client.webhookEndpoints.rotateSecret(endpoint.id);
    expect(rotated.secret).not.toBe(endpoint.secret);
    secrets = [rotated.secret];
    await client.webhookEndpoints.replayDelivery(endpoint.id, test.delivery_id);
    await waitFor(
      () => received,
      (items) => items.length === 2,
    );
    expect(received[1]?.id).toBe(received[0]?.id); // a replay keeps its webhook-id: deduplicate on it

    expect(await client.webhookEndpoints.update(endpoint.id, { description: "edited" })).toMatchObject({
      description: "edited",
    });
    expect(await client.webhookEndpoints.disable(endpoint.id, { reason: "maintenance" })).toMatchObject({
      status: "disabled",
      disabled_reason: "maintenance",
    });
    await expect(client.webhookEndpoints.sendTestEvent(endpoint.id)).rejects.toMatchObject({
      status: 409,
      code: "conflict",
    });
    expect(await client.webhookEndpoints.enable(endpoint.id)).toMatchObject({
      status: "enabled",
      disabled_reason: null,
    });
    expect(await client.webhookEndpoints.delete(endpoint.id)).toBeUndefined();
    await expect(client.webhookEndpoints.get(endpoint.id)).rejects.toMatchObject({ status: 404 });
  });
});

describe("typed client: API tokens", () => {
  it("creates a token that works at once, lists it by its last four characters, and revokes it (401 from then on)", async () => {
    const created = await client.apiTokens.create({ name: "CI", expires_in_days: 30 });
    expect(created.token).toMatch(/^ptk_/);
    expect(created).toMatchObject({ name: "CI", last_four: created.token.slice(-4), revoked_at: null });
    expect(Date.parse(created.expires_at ?? "")).toBeGreaterThan(Date.now() + 29 * 86_400_000);
    const listed = await client.apiTokens.list();
    expect(listed.data.find((token) => token.id === created.id)).toMatchObject({ last_four: created.token.slice(-4) });
    expect(JSON.stringify(listed)).not.toContain(created.token);

    const ci = createPorticoClient({ baseUrl: inject("baseUrl"), apiToken: created.token });
    expect((await ci.services.list()).data).toBeInstanceOf(Array);
    expect(await client.apiTokens.revoke(created.id)).toBeUndefined();
    await expect(ci.services.list()).rejects.toMatchObject({ status: 401, code: "unauthorized" });
    await expect(client.apiTokens.revoke(created.id)).rejects.toMatchObject({ status: 404 });
    const withRevoked = await client.apiTokens.list({ include_revoked: "true" });
    expect(withRevoked.data.find((token) => token.id === created.id)?.revoked_at).toBeTruthy();
  });
});

describe("typed client: members, invitations and audit events", () => {
  it("invites, accepts as the invitee, changes the role, removes the member, and pages through the audit log", async () => {
    const owners = await client.members.list();
    expect(owners.data).toEqual([expect.objectContaining({ email: partner.email, role: "owner" })]);

    const email = uniqueEmail("invitee");
    const invitation = await client.invitations.create({ email, role: "developer" });
    expect((await client.invitations.list()).data.map((item) => item.id)).toContain(invitation.id);
    const token = invitation.accept_url.split("/").pop() ?? "";
    const invitee = { baseUrl: inject("baseUrl"), token, name: "Ina", password: "a long enough password" };
    const { user_id } = await acceptInvitation(invitee);
    const reused = await acceptInvitation(invitee).catch((error: unknown) => error);
    expect(reused).toBeInstanceOf(PorticoApiError);
    expect(reused).toMatchObject({ status: 410 });
    await expect(acceptInvitation({ ...invitee, token: `${token}x` })).rejects.toMatchObject({ status: 404 });

    expect(await client.members.updateRole(user_id, "viewer")).toMatchObject({ user_id, role: "viewer" });
    await client.members.remove(user_id);
    expect((await client.members.list()).data.map((member) => member.user_id)).not.toContain(user_id);
    const ownerId = owners.data[0]?.user_id ?? "";
    const lastOwnerRemoval = await client.members.remove(ownerId).catch((error: unknown) => error);
    expect(lastOwnerRemoval).toBeInstanceOf(PorticoApiError);
    expect(lastOwnerRemoval).toMatchObject({ status: 409, code: "conflict" });
    await expect(client.members.updateRole(ownerId, "developer")).rejects.toMatchObject({ status: 409 });

    const revocable = await client.invitations.create({ email: uniqueEmail("later"), role: "viewer" });
    expect(await client.invitations.revoke(revocable.id)).toBeUndefined();
    const statuses = new Map((await client.invitations.list()).data.map((item) => [item.id, item.status]));
    expect([statuses.get(invitation.id), statuses.get(revocable.id)]).toEqual(["accepted", "revoked"]);
    const revokedToken = revocable.accept_url.split("/").pop() ?? "";
    await expect(acceptInvitation({ ...invitee, token: revokedToken })).rejects.toMatchObject({ status: 410 });

    const firstPage = await client.auditEvents.list({ action: "member.invited", limit: 1 });
    expect(firstPage.data).toHaveLength(1);
    expect(firstPage.next_cursor).toBeTruthy();
    const invited = await client.auditEvents.list({ action: "member.invited", limit: 1 }).toArray();
    expect(invited.map((event) => event.target.id)).toEqual([revocable.id, invitation.id]);
  });
});

describe("typed client: one-time login", () => {
  it("redeems once, then answers already_used; an unknown token is `unknown`", async () => {
    const service = await client.services.create({ name: "Login app", url: `${partnerOrigin}/login` });
    await setServicePublished({ id: service.id, published: true });
    const email = uniqueEmail("user");
    await createUser({ email, password: "a long enough password", role: "end_user" });
    await grantEntitlement({ email, serviceId: service.id });
    const session = await signInWithPassword({
      email,
      password: "a long enough password",
      ip: randomClientIp(),
    });
    const launch = await fetch(`${inject("baseUrl")}/launch/${service.id}`, {
      headers: { cookie: session.sessionCookie ?? "" },
      redirect: "manual",
    });
    const token = new URL(launch.headers.get("location") ?? "").searchParams.get("services") ?? "";
    expect(token).not.toBe("");

    const result = await client.login.redeem(token);
    expect(result).toMatchObject({ ok: true, email });
    expect(result.ok && result.sessionExpiresAt.getTime()).toBeGreaterThan(Date.now());
    expect(await client.login.redeem(token)).toMatchObject({ ok: false, reason: "already_used" });
    expect(await client.login.redeem(randomBytes(32).toString("base64url"))).toMatchObject({
      ok: false,
      reason: "unknown",
    });
  });
});
