import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPartner } from "../support/factories";
import { api } from "../support/http";
import { itemAt } from "../support/lists";
import { signInWithPassword } from "../support/sign-in";
import { startWebhookReceiver, verifyReceived, type WebhookReceiver } from "../support/webhook-receiver";

const v1 = (url = "https://auth.example/oauth/token") => ({
  type: "OAuth2",
  version: "v1",
  data: { url, grant_type: "client_credentials", client_id: "portico-client", client_secret: "s3cr3t-value" },
});

async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

let receiver: WebhookReceiver;
beforeAll(async () => {
  receiver = await startWebhookReceiver();
});
afterAll(() => receiver.close());

describe("management API: webhook endpoints", () => {
  it("POST /api/v1/webhook-endpoints – creates an OAuth2 v1 endpoint and shows the signing secret once", async () => {
    const partner = await createPartner();
    const created = await api("/api/v1/webhook-endpoints", {
      token: partner.apiToken,
      json: { url: "https://hooks.example/in", events: ["login.redeemed"], authentication: v1() },
    });
    expect(created.status).toBe(201);
    const body = await created.json();
    expect(body).toMatchObject({
      id: expect.stringMatching(/^whe_/),
      url: "https://hooks.example/in",
      events: ["login.redeemed"],
      status: "enabled",
    });
    expect(body.secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    expect(Buffer.from(body.secret.slice(6), "base64").length).toBeGreaterThanOrEqual(24);

    const detail = await (await api(`/api/v1/webhook-endpoints/${body.id}`, { token: partner.apiToken })).json();
    expect(detail.secret).toBeUndefined();
    expect(detail.authentication).toEqual({
      type: "OAuth2",
      version: "v1",
      data: { url: "https://auth.example/oauth/token", grant_type: "client_credentials", client_id: "portico-client" },
    });
    expect(JSON.stringify(detail)).not.toContain("s3cr3t-value");
    const list = await (await api("/api/v1/webhook-endpoints", { token: partner.apiToken })).json();
    expect(list.data.map((endpoint: { id: string }) => endpoint.id)).toEqual([body.id]);
  });

  it("POST /api/v1/webhook-endpoints – v2 fixed token and no authentication are accepted; events default to all", async () => {
    const partner = await createPartner();
    const v2 = await api("/api/v1/webhook-endpoints", {
      token: partner.apiToken,
      json: {
        url: "https://hooks.example/v2",
        authentication: { type: "OAuth2", version: "v2", data: { token: "fixed-token" } },
      },
    });
    expect(v2.status).toBe(201);
    expect(await v2.json()).toMatchObject({ events: [], authentication: { type: "OAuth2", version: "v2" } });
    const none = await api("/api/v1/webhook-endpoints", {
      token: partner.apiToken,
      json: { url: "https://hooks.example/none" },
    });
    expect(none.status).toBe(201);
    expect((await none.json()).authentication).toBeNull();
  });

  it.each([
    ["grant type other than client_credentials", { ...v1(), data: { ...v1().data, grant_type: "password" } }],
    [
      "missing client_secret",
      {
        type: "OAuth2",
        version: "v1",
        data: { url: "https://a.example/t", grant_type: "client_credentials", client_id: "x" },
      },
    ],
    ["token URL not http(s)", v1("ftp://auth.example/token")],
    ["unknown version", { ...v1(), version: "v3" }],
    ["type other than OAuth2", { ...v1(), type: "Basic" }],
    ["v2 without token", { type: "OAuth2", version: "v2", data: {} }],
    ["v2 with empty token", { type: "OAuth2", version: "v2", data: { token: "" } }],
    ["authentication as a string", "Bearer abc"],
  ])(
    "POST /api/v1/webhook-endpoints – invalid authentication (%s) → 400 and nothing stored",
    async (_label, authentication) => {
      const partner = await createPartner();
      const response = await api("/api/v1/webhook-endpoints", {
        token: partner.apiToken,
        json: { url: "https://hooks.example/in", authentication },
      });
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ error: "invalid_request", message: expect.any(String) });
      expect((await (await api("/api/v1/webhook-endpoints", { token: partner.apiToken })).json()).data).toEqual([]);
    },
  );

  it("POST /api/v1/webhook-endpoints – bad URL, unknown event type and missing token are refused", async () => {
    const partner = await createPartner();
    expect(
      (await api("/api/v1/webhook-endpoints", { token: partner.apiToken, json: { url: "/relative" } })).status,
    ).toBe(400);
    expect(
      (
        await api("/api/v1/webhook-endpoints", {
          token: partner.apiToken,
          json: { url: "https://a.example", events: ["nope"] },
        })
      ).status,
    ).toBe(400);
    expect((await api("/api/v1/webhook-endpoints", { json: { url: "https://a.example" } })).status).toBe(401);
  });

  it("another partner's endpoint is 404 on every route", async () => {
    const owner = await createPartner();
    const other = await createPartner();
    const created = await (
      await api("/api/v1/webhook-endpoints", { token: owner.apiToken, json: { url: receiver.url } })
    ).json();
    const sent = await (
      await api(`/api/v1/webhook-endpoints/${created.id}/test`, { token: owner.apiToken, method: "POST" })
    ).json();
    const base = `/api/v1/webhook-endpoints/${created.id}`;
    const calls: [string, string, unknown?][] = [
      ["GET", base],
      ["PATCH", base, { url: "https://evil.example" }],
      ["DELETE", base],
      ["GET", `${base}/deliveries`],
      ["POST", `${base}/test`],
      ["POST", `${base}/rotate-secret`],
      ["POST", `${base}/enable`],
      ["POST", `${base}/deliveries/${sent.delivery_id}/replay`],
      ["GET", `${base}/deliveries/${sent.delivery_id}/attempts`],
    ];
    for (const [method, path, json] of calls) {
      const response = await api(path, { token: other.apiToken, method, json });
      expect({ method, path, status: response.status }).toEqual({ method, path, status: 404 });
      expect((await response.json()).error).toBe("not_found");
    }
    expect((await (await api("/api/v1/webhook-endpoints", { token: other.apiToken })).json()).data).toEqual([]);
    expect((await api(base, { token: owner.apiToken })).status).toBe(200);
  });

  it("PATCH and DELETE /api/v1/webhook-endpoints/{id}", async () => {
    const partner = await createPartner();
    const created = await (
      await api("/api/v1/webhook-endpoints", {
        token: partner.apiToken,
        json: { url: "https://a.example/in", authentication: v1() },
      })
    ).json();
    const patched = await api(`/api/v1/webhook-endpoints/${created.id}`, {
      token: partner.apiToken,
      method: "PATCH",
      json: { url: "https://b.example/in", events: ["webhook.test"], authentication: null },
    });
    expect(patched.status).toBe(200);
    expect(await patched.json()).toMatchObject({
      url: "https://b.example/in",
      events: ["webhook.test"],
      authentication: null,
    });
    const deleted = await api(`/api/v1/webhook-endpoints/${created.id}`, { token: partner.apiToken, method: "DELETE" });
    expect(deleted.status).toBe(204);
    expect((await api(`/api/v1/webhook-endpoints/${created.id}`, { token: partner.apiToken })).status).toBe(404);
  });

  it("test events, delivery log newest first with filters and cursor pagination, and replay", async () => {
    const partner = await createPartner();
    const created = await (
      await api("/api/v1/webhook-endpoints", { token: partner.apiToken, json: { url: receiver.url } })
    ).json();
    const base = `/api/v1/webhook-endpoints/${created.id}`;
    const sent: string[] = [];
    for (let i = 0; i < 3; i++) {
      const response = await api(`${base}/test`, { token: partner.apiToken, method: "POST" });
      expect(response.status).toBe(202);
      sent.push((await response.json()).delivery_id);
      await new Promise((resolve) => setTimeout(resolve, 5)); // distinct creation times
    }
    const all = await waitFor(
      async () => (await api(`${base}/deliveries?status=succeeded`, { token: partner.apiToken })).json(),
      (page) => page.data.length === 3,
    );
    expect(all.data.map((d: { id: string }) => d.id)).toEqual([...sent].reverse());
    expect(all.data[0]).toMatchObject({
      event_type: "webhook.test",
      status: "succeeded",
      attempts: 1,
      last_status_code: 200,
      next_attempt_at: null,
    });

    const first = await (await api(`${base}/deliveries?limit=2`, { token: partner.apiToken })).json();
    expect(first.data).toHaveLength(2);
    expect(first.next_cursor).toBe(first.data[1].id);
    const second = await (
      await api(`${base}/deliveries?limit=2&cursor=${first.next_cursor}`, { token: partner.apiToken })
    ).json();
    expect(second.data.map((d: { id: string }) => d.id)).toEqual([sent[0]]);
    expect(second.next_cursor).toBeNull();
    expect((await (await api(`${base}/deliveries?status=failed`, { token: partner.apiToken })).json()).data).toEqual(
      [],
    );
    expect((await api(`${base}/deliveries?limit=0`, { token: partner.apiToken })).status).toBe(400);

    const firstReceipt = receiver.received.filter(
      (r) => r.body.includes(created.id) && r.headers["webhook-id"] === all.data[2].event_id,
    );
    expect(firstReceipt).toHaveLength(1);
    expect(verifyReceived(created.secret, itemAt(firstReceipt, 0, "receipt"))).toEqual({ ok: true });
    const replay = await api(`${base}/deliveries/${sent[0]}/replay`, { token: partner.apiToken, method: "POST" });
    expect(replay.status).toBe(202);
    await waitFor(
      async () => receiver.received.filter((r) => r.headers["webhook-id"] === all.data[2].event_id).length,
      (count) => count === 2,
    );
    const attempts = await waitFor(
      async () => (await api(`${base}/deliveries/${sent[0]}/attempts`, { token: partner.apiToken })).json(),
      (page) => page.data.length === 2,
    );
    expect(attempts.data[0]).toMatchObject({
      status_code: 200,
      latency_ms: expect.any(Number),
      response_excerpt: "ok",
      error: null,
    });
  });

  it("rotate-secret: both signatures are sent during the overlap, each verifies", async () => {
    const partner = await createPartner();
    const created = await (
      await api("/api/v1/webhook-endpoints", { token: partner.apiToken, json: { url: receiver.url } })
    ).json();
    const base = `/api/v1/webhook-endpoints/${created.id}`;
    const rotated = await (await api(`${base}/rotate-secret`, { token: partner.apiToken, method: "POST" })).json();
    expect(rotated.secret).toMatch(/^whsec_/);
    expect(rotated.secret).not.toBe(created.secret);
    expect(Date.parse(rotated.previous_secret_expires_at) - Date.now()).toBeGreaterThan(23.9 * 3600_000);
    const { event_id } = await (await api(`${base}/test`, { token: partner.apiToken, method: "POST" })).json();
    const request = await waitFor(
      async () => receiver.received.find((r) => r.headers["webhook-id"] === event_id),
      (found) => found !== undefined,
    );
    if (!request) throw new Error("not received");
    expect(String(request.headers["webhook-signature"]).split(" ")).toHaveLength(2);
    expect(verifyReceived(rotated.secret, request)).toEqual({ ok: true });
    expect(verifyReceived(created.secret, request)).toEqual({ ok: true });
  });

  it("panel: the list and detail pages render for the owner; another partner's endpoint is 404", async () => {
    const owner = await createPartner();
    const other = await createPartner();
    const created = await (
      await api("/api/v1/webhook-endpoints", {
        token: owner.apiToken,
        json: { url: receiver.url, description: "Panel check" },
      })
    ).json();
    await api(`/api/v1/webhook-endpoints/${created.id}/test`, { token: owner.apiToken, method: "POST" });
    const page = async (who: { email: string; password: string }, path: string) => {
      const { sessionCookie } = await signInWithPassword(who);
      expect(sessionCookie).not.toBeNull();
      return api(path, { headers: { cookie: sessionCookie ?? "" } });
    };
    const list = await page(owner, "/dashboard/webhooks");
    expect(list.status).toBe(200);
    expect(await list.text()).toContain(receiver.url);
    const detail = await page(owner, `/dashboard/webhooks/${created.id}?status=pending`);
    expect(detail.status).toBe(200);
    const html = await detail.text();
    expect(html).toContain("Delivery log");
    expect(html).toContain("Send test event");
    expect((await page(other, `/dashboard/webhooks/${created.id}`)).status).toBe(404);
  });
});
