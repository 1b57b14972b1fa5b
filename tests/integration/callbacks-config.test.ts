// The management side of callback verification: configuring the A&A callback, the development token, tests and the log.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { type AaServer, startAaServer } from "../support/aa-server";
import { createPartner } from "../support/factories";
import { api } from "../support/http";
import { itemAt } from "../support/lists";
import { signInWithPassword } from "../support/sign-in";

let aa: AaServer;
beforeAll(async () => {
  aa = await startAaServer();
});
afterAll(async () => {
  await aa.close();
});

async function createService(token: string) {
  const response = await api("/api/v1/services", { token, json: { name: "Chat", url: "https://chat.example.com" } });
  return (await response.json()) as { id: string; service_id: string };
}

const put = (token: string, id: string, json: unknown) =>
  api(`/api/v1/services/${id}/callback`, { token, method: "PUT", json });

describe("PUT/GET /api/v1/services/{id}/callback", () => {
  it("stores the configuration; the password is encrypted and never returned, the development token only on GET", async () => {
    const partner = await createPartner();
    const service = await createService(partner.apiToken);

    const before = await (await api(`/api/v1/services/${service.id}/callback`, { token: partner.apiToken })).json();
    expect(before).toMatchObject({
      configured: false,
      mode: "development",
      development_token: null,
      has_api_password: false,
    });

    const saved = await put(partner.apiToken, service.id, {
      url: "https://aa.example.com/certify",
      api_user: "acme",
      api_password: "hunter2-but-longer",
      mode: "production",
      cache_ttl_seconds: 30,
    });
    expect(saved.status).toBe(200);
    const body = await saved.json();
    expect(body).toEqual({
      service_id: service.service_id,
      configured: true,
      mode: "production",
      url: "https://aa.example.com/certify",
      api_user: "acme",
      has_api_password: true,
      cache_ttl_seconds: 30,
      updated_at: expect.any(String),
    });
    expect(JSON.stringify(body)).not.toContain("hunter2");

    const fetched = await (await api(`/api/v1/services/${service.id}/callback`, { token: partner.apiToken })).json();
    expect(fetched).toMatchObject({ has_api_password: true, development_token: expect.stringMatching(/^dev_/) });
    expect(JSON.stringify(fetched)).not.toContain("hunter2");

    const row = await getDb().callbackConfig.findUniqueOrThrow({ where: { serviceId: service.id } });
    expect(JSON.stringify(row)).not.toContain("hunter2");
    expect(row.developmentTokenCiphertext).not.toContain(fetched.development_token);
  });

  it.each([
    ["production without url", { mode: "production", api_user: "u", api_password: "p" }, /url/],
    ["production without api_user", { mode: "production", url: "https://a.example", api_password: "p" }, /api_user/],
    [
      "production without any password",
      { mode: "production", url: "https://a.example", api_user: "u" },
      /api_password/,
    ],
    ["unknown mode", { mode: "staging" }, /mode/],
    ["ftp url", { mode: "development", url: "ftp://a.example" }, /url/],
    ["credentials in url", { mode: "development", url: "https://u:p@a.example" }, /url/],
    ["negative cache ttl", { mode: "development", cache_ttl_seconds: -1 }, /cache_ttl_seconds/],
    ["cache ttl over 300", { mode: "development", cache_ttl_seconds: 301 }, /cache_ttl_seconds/],
    ["unknown field", { mode: "development", secret: "x" }, /secret|Unrecognized/i],
  ])("%s → 400", async (_label, json, message) => {
    const partner = await createPartner();
    const service = await createService(partner.apiToken);
    const response = await put(partner.apiToken, service.id, json);
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.error).toBe("invalid_request");
    expect(body.message).toMatch(message);
    expect(await getDb().callbackConfig.count({ where: { serviceId: service.id } })).toBe(0);
  });

  it("another partner's service is 404 on every callback route; no token is 401", async () => {
    const owner = await createPartner();
    const other = await createPartner();
    const service = await createService(owner.apiToken);
    expect((await put(owner.apiToken, service.id, { mode: "development" })).status).toBe(200);
    const paths = [
      ["GET", `/api/v1/services/${service.id}/callback`],
      ["PUT", `/api/v1/services/${service.id}/callback`],
      ["POST", `/api/v1/services/${service.id}/callback/development-token`],
      ["GET", `/api/v1/services/${service.id}/callback/logs`],
      ["POST", `/api/v1/services/${service.id}/callback/test`],
    ] as const;
    for (const [method, path] of paths) {
      const json = method === "PUT" ? { mode: "development" } : undefined;
      const response = await api(path, { token: other.apiToken, method, json });
      expect(response.status, `${method} ${path}`).toBe(404);
      expect((await api(path, { method, json })).status, `${method} ${path} without token`).toBe(401);
    }
  });

  it("a production configuration needs the password once; later saves may leave it out", async () => {
    const partner = await createPartner();
    const service = await createService(partner.apiToken);
    const first = { url: "https://aa.example.com", api_user: "u", api_password: "p1", mode: "production" };
    expect((await put(partner.apiToken, service.id, first)).status).toBe(200);
    const second = await put(partner.apiToken, service.id, {
      url: "https://aa2.example.com",
      api_user: "u",
      mode: "production",
    });
    expect(second.status).toBe(200);
    expect(await second.json()).toMatchObject({ url: "https://aa2.example.com", has_api_password: true });
  });
});

describe("POST /api/v1/services/{id}/callback/test", () => {
  it("sends a sample request to the configured URL and reports the answer", async () => {
    const partner = await createPartner();
    const service = await createService(partner.apiToken);
    const endpoint = aa.createEndpoint({ status: 401, body: '{"reason":"unknown token"}' });
    await put(partner.apiToken, service.id, {
      url: endpoint.url,
      api_user: "acme",
      api_password: "s3cret-pw",
      mode: "development",
    });

    const response = await api(`/api/v1/services/${service.id}/callback/test`, {
      token: partner.apiToken,
      method: "POST",
    });
    expect(response.status).toBe(200);
    const result = await response.json();
    expect(result).toMatchObject({
      ok: false,
      callback_status: 401,
      latency_ms: expect.any(Number),
      error: null,
      response_excerpt: '{"reason":"unknown token"}',
      request_body: {
        api_user: "acme",
        api_secret: "********",
        token_type: "Bearer",
        user_identifier: "portico-test-user",
      },
    });
    expect(JSON.stringify(result)).not.toContain("s3cret-pw");
    expect(endpoint.received).toHaveLength(1);
    expect(JSON.parse(itemAt(endpoint.received, 0, "A&A call").rawBody)).toMatchObject({
      api_user: "acme",
      api_secret: "s3cret-pw",
      token_type: "Bearer",
    });

    endpoint.behaviour.status = 200;
    const ok = await (
      await api(`/api/v1/services/${service.id}/callback/test`, { token: partner.apiToken, method: "POST" })
    ).json();
    expect(ok).toMatchObject({ ok: true, callback_status: 200 });

    // Tests appear in the log, flagged, and do not count towards the success rate.
    const logs = await (await api(`/api/v1/services/${service.id}/callback/logs`, { token: partner.apiToken })).json();
    expect(logs.data.map((entry: { test: boolean }) => entry.test)).toEqual([true, true]);
    expect(logs.last_24h).toEqual({ total: 0, certified: 0, success_rate: null });
  });

  it("without a saved URL → 400", async () => {
    const partner = await createPartner();
    const service = await createService(partner.apiToken);
    await put(partner.apiToken, service.id, { mode: "development" });
    const response = await api(`/api/v1/services/${service.id}/callback/test`, {
      token: partner.apiToken,
      method: "POST",
    });
    expect(response.status).toBe(400);
  });
});

describe("OpenAPI", () => {
  it("documents the callback routes", async () => {
    const document = await (await api("/api/openapi.json")).json();
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        "/api/v1/certify",
        "/api/v1/services/{id}/callback",
        "/api/v1/services/{id}/callback/development-token",
      ]),
    );
    const { properties } = document.components.schemas.CallbackConfigWithDevelopmentToken;
    expect(Object.keys(properties)).toContain("has_api_password");
    expect(Object.keys(properties)).not.toContain("api_password");
  });
});

describe("panel: /dashboard/services/{id}/callback", () => {
  it("renders settings, the development-mode warning and the log for the owner only, never the password", async () => {
    const owner = await createPartner();
    const other = await createPartner();
    const service = await createService(owner.apiToken);
    await put(owner.apiToken, service.id, {
      url: "https://aa.example.com",
      api_user: "panel-user",
      api_password: "panel-secret-pw",
      mode: "development",
    });
    const page = (cookie: string | null) =>
      api(`/dashboard/services/${service.id}/callback`, { headers: cookie ? { cookie } : {} });

    const ownerSession = await signInWithPassword({ email: owner.email, password: owner.password, ip: "203.0.113.7" });
    const response = await page(ownerSession.sessionCookie);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain("Callback verification");
    expect(html).toContain("Development mode is not for production");
    expect(html).toContain("Test callback");
    expect(html).toContain("panel-user");
    expect(html).not.toContain("panel-secret-pw");

    const otherSession = await signInWithPassword({ email: other.email, password: other.password, ip: "203.0.113.8" });
    expect((await page(otherSession.sessionCookie)).status).toBe(404);
    expect((await page(null)).status).toBeGreaterThanOrEqual(300);
  });
});
