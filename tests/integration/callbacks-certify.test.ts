// Callback verification end to end: a real Portico server certifying against a real A&A server on loopback.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { setServicePublished } from "@/lib/services/services";
import { type AaServer, startAaServer } from "../support/aa-server";
import { createPartner } from "../support/factories";
import { api } from "../support/http";
import { itemAt } from "../support/lists";

let aa: AaServer;
beforeAll(async () => {
  aa = await startAaServer();
});
afterAll(async () => {
  await aa.close();
});

// Each call gets its own client address so the per-IP limit only bites where a test means it to.
const freshIp = () => `198.51.100.${Math.floor(Math.random() * 250) + 1}-${randomBytes(4).toString("hex")}`;

function certify(options: {
  authorization?: string;
  json?: unknown;
  body?: string;
  ip?: string;
  contentType?: string;
}) {
  const headers: Record<string, string> = { "x-forwarded-for": options.ip ?? freshIp() };
  if (options.authorization !== undefined) headers.authorization = options.authorization;
  headers["content-type"] = options.contentType ?? "application/json";
  return api("/api/v1/certify", { method: "POST", headers, body: options.body ?? JSON.stringify(options.json) });
}

async function setUp(
  options: {
    mode?: "production" | "development";
    publish?: boolean;
    behaviour?: { status?: number; hang?: boolean; body?: string };
    cacheTtlSeconds?: number;
  } = {},
) {
  const partner = await createPartner();
  const created = await api("/api/v1/services", {
    token: partner.apiToken,
    json: { name: "Chat", url: "https://chat.example.com" },
  });
  const service = (await created.json()) as { id: string; service_id: string };
  if (options.publish ?? true) await setServicePublished({ id: service.id, published: true });
  const endpoint = aa.createEndpoint(options.behaviour ?? {});
  const apiPassword = `pw-${randomBytes(6).toString("hex")}`;
  const put = await api(`/api/v1/services/${service.id}/callback`, {
    token: partner.apiToken,
    method: "PUT",
    json: {
      url: endpoint.url,
      api_user: "acme-user",
      api_password: apiPassword,
      mode: options.mode ?? "production",
      cache_ttl_seconds: options.cacheTtlSeconds,
    },
  });
  expect(put.status).toBe(200);
  const config = (await (await api(`/api/v1/services/${service.id}/callback`, { token: partner.apiToken })).json()) as {
    development_token: string;
  };
  return { partner, service, endpoint, apiPassword, developmentToken: config.development_token };
}

async function logsOf(serviceKey: string) {
  return getDb().callbackLog.findMany({ where: { serviceId: serviceKey }, orderBy: { createdAt: "asc" } });
}

describe("POST /api/v1/certify – production mode", () => {
  it("sends the contract's exact JSON body to the A&A URL and answers 200 {certified: true}", async () => {
    const { service, endpoint, apiPassword } = await setUp();
    const response = await certify({
      authorization: "Bearer 123456789",
      json: { service_id: service.service_id, user_identifier: "alice@acme" },
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ certified: true });

    expect(endpoint.received).toHaveLength(1);
    const call = itemAt(endpoint.received, 0, "A&A call");
    expect(call.method).toBe("POST");
    expect(call.headers["content-type"]).toBe("application/json");
    expect(call.headers.authorization).toBeUndefined(); // the device's header is not forwarded, only its parts in the body
    expect(Object.keys(JSON.parse(call.rawBody))).toEqual([
      "api_user",
      "api_secret",
      "access_token",
      "token_type",
      "user_identifier",
    ]);
    expect(JSON.parse(call.rawBody)).toEqual({
      api_user: "acme-user",
      api_secret: apiPassword,
      access_token: "123456789",
      token_type: "Bearer",
      user_identifier: "alice@acme",
    });
  });

  it.each([
    ["absent", {}],
    ["null", { user_identifier: null }],
  ])("omits user_identifier when it is %s", async (_label, extra) => {
    const { service, endpoint } = await setUp();
    const response = await certify({
      authorization: "MAC abc.def-ghi",
      json: { service_id: service.service_id, ...extra },
    });
    expect(response.status).toBe(200);
    const body = JSON.parse(itemAt(endpoint.received, 0, "A&A call").rawBody);
    expect(body).not.toHaveProperty("user_identifier");
    expect(body).toMatchObject({ token_type: "MAC", access_token: "abc.def-ghi" });
  });

  it.each([
    [401, "rejected"],
    [403, "rejected"],
    [500, "rejected"],
    [302, "rejected"], // redirects are not followed: the answer is not 200
    [204, "rejected"], // the contract expects exactly 200
  ])("A&A answers %i → 403 not_certified", async (status, outcome) => {
    const { service, endpoint } = await setUp({ behaviour: { status } });
    const response = await certify({ authorization: "Bearer tok", json: { service_id: service.service_id } });
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({
      error: "not_certified",
      message: expect.stringContaining(String(status)),
    });
    expect(endpoint.received).toHaveLength(1);
    const log = itemAt(await logsOf(service.id), 0, "log entry");
    expect(log).toMatchObject({ outcome, callbackStatus: status, mode: "production" });
  });

  it("A&A never answers → 502 partner_unreachable after the 5 s timeout", async () => {
    const { service, endpoint } = await setUp({ behaviour: { hang: true } });
    const started = Date.now();
    const response = await certify({ authorization: "Bearer tok", json: { service_id: service.service_id } });
    const elapsed = Date.now() - started;
    expect(response.status).toBe(502);
    expect(await response.json()).toMatchObject({ error: "partner_unreachable" });
    expect(elapsed).toBeGreaterThanOrEqual(4900);
    expect(elapsed).toBeLessThan(9000);
    expect(endpoint.received).toHaveLength(1);
    const log = itemAt(await logsOf(service.id), 0, "log entry");
    expect(log).toMatchObject({ outcome: "unreachable", callbackStatus: null });
    expect(log.error).toMatch(/^timeout/);
  });

  it("A&A port closed → 502 partner_unreachable", async () => {
    const { partner, service } = await setUp();
    const closed = await startAaServer();
    const url = `${closed.origin}/gone`;
    await closed.close();
    await api(`/api/v1/services/${service.id}/callback`, {
      token: partner.apiToken,
      method: "PUT",
      json: { url, api_user: "acme-user", mode: "production" },
    });
    const response = await certify({ authorization: "Bearer tok", json: { service_id: service.service_id } });
    expect(response.status).toBe(502);
    expect((await response.json()).error).toBe("partner_unreachable");
  });

  it("a draft (or submitted) service in production mode is refused without a callback; development mode works", async () => {
    const { partner, service, endpoint, developmentToken } = await setUp({ publish: false });
    const refused = await certify({ authorization: "Bearer tok", json: { service_id: service.service_id } });
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({
      error: "not_certified",
      message: expect.stringMatching(/not published/),
    });
    expect(endpoint.received).toHaveLength(0);
    expect((await logsOf(service.id))[0]).toMatchObject({ outcome: "rejected", error: "not_published" });

    await api(`/api/v1/services/${service.id}/callback`, {
      token: partner.apiToken,
      method: "PUT",
      json: { mode: "development" },
    });
    const ok = await certify({ authorization: `Bearer ${developmentToken}`, json: { service_id: service.service_id } });
    expect(ok.status).toBe(200);
    expect(endpoint.received).toHaveLength(0);
  });

  it("an omitted api_password keeps the stored one (it is still sent as api_secret)", async () => {
    const { partner, service, endpoint, apiPassword } = await setUp();
    const put = await api(`/api/v1/services/${service.id}/callback`, {
      token: partner.apiToken,
      method: "PUT",
      json: { url: endpoint.url, api_user: "renamed", api_password: "", mode: "production" },
    });
    expect(put.status).toBe(200);
    await certify({ authorization: "Bearer tok", json: { service_id: service.service_id } });
    expect(JSON.parse(itemAt(endpoint.received, 0, "A&A call").rawBody)).toMatchObject({
      api_user: "renamed",
      api_secret: apiPassword,
    });
  });

  it("with cache_ttl_seconds, a positive answer is reused for the same token only; saving the config forgets it", async () => {
    const { partner, service, endpoint, apiPassword } = await setUp({ cacheTtlSeconds: 60 });
    const ask = (token: string) =>
      certify({ authorization: `Bearer ${token}`, json: { service_id: service.service_id } });
    expect((await ask("cached-token")).status).toBe(200);
    expect((await ask("cached-token")).status).toBe(200);
    expect(endpoint.received).toHaveLength(1);
    expect((await ask("other-token")).status).toBe(200);
    expect(endpoint.received).toHaveLength(2);
    expect((await logsOf(service.id)).map((log) => log.outcome)).toEqual(["certified", "cached", "certified"]);

    // A refusal is never cached; and a config change (here: the A&A now refuses) is honoured at once.
    endpoint.behaviour.status = 401;
    await new Promise((resolve) => setTimeout(resolve, 5)); // updatedAt must move
    await api(`/api/v1/services/${service.id}/callback`, {
      token: partner.apiToken,
      method: "PUT",
      json: {
        url: endpoint.url,
        api_user: "acme-user",
        api_password: apiPassword,
        mode: "production",
        cache_ttl_seconds: 60,
      },
    });
    expect((await ask("cached-token")).status).toBe(403);
    expect((await ask("cached-token")).status).toBe(403);
    expect(endpoint.received).toHaveLength(4);
  });
});

describe("POST /api/v1/certify – development mode", () => {
  it("certifies only the development token, and never calls the A&A service", async () => {
    const { partner, service, endpoint, developmentToken } = await setUp({ mode: "development" });
    expect(developmentToken).toMatch(/^dev_[0-9A-Za-z]{32}$/);
    const right = await certify({
      authorization: `Bearer ${developmentToken}`,
      json: { service_id: service.service_id, user_identifier: "bob" },
    });
    expect(right.status).toBe(200);
    expect(await right.json()).toEqual({ certified: true });

    for (const token of [`${developmentToken}x`, developmentToken.slice(0, -1), "123456789"]) {
      const wrong = await certify({ authorization: `Bearer ${token}`, json: { service_id: service.service_id } });
      expect(wrong.status).toBe(403);
      expect((await wrong.json()).error).toBe("not_certified");
    }

    // Regenerating: the new token works, the old one stops working.
    const regenerated = await api(`/api/v1/services/${service.id}/callback/development-token`, {
      token: partner.apiToken,
      method: "POST",
    });
    expect(regenerated.status).toBe(200);
    const { development_token: fresh } = (await regenerated.json()) as { development_token: string };
    expect(fresh).not.toBe(developmentToken);
    expect(
      (await certify({ authorization: `Bearer ${developmentToken}`, json: { service_id: service.service_id } })).status,
    ).toBe(403);
    expect((await certify({ authorization: `Bearer ${fresh}`, json: { service_id: service.service_id } })).status).toBe(
      200,
    );

    expect(endpoint.received).toHaveLength(0);
    const logs = await logsOf(service.id);
    expect(logs.map((log) => log.outcome)).toEqual([
      "certified",
      "rejected",
      "rejected",
      "rejected",
      "rejected",
      "certified",
    ]);
    expect(logs[0]).toMatchObject({ mode: "development", userIdentifier: "bob", callbackStatus: null });
  });

  it("a service without any callback configuration is refused (and the refusal is logged)", async () => {
    const partner = await createPartner();
    const service = (await (
      await api("/api/v1/services", { token: partner.apiToken, json: { name: "X", url: "https://x.example" } })
    ).json()) as {
      id: string;
      service_id: string;
    };
    const response = await certify({ authorization: "Bearer tok", json: { service_id: service.service_id } });
    expect(response.status).toBe(403);
    expect((await logsOf(service.id))[0]).toMatchObject({ outcome: "rejected", error: "not_configured" });
  });
});

describe("POST /api/v1/certify – malformed requests make no callback", () => {
  it.each([
    ["missing", undefined],
    ["empty", ""],
    ["one word", "Bearer"],
    ["only a token", "123456789"],
    ["three words", "Bearer 123 456"],
    ["token type with a dot", "Be.arer 123"],
    ["non-ASCII token", "Bearer tökén"],
    ["token over 4096 chars", `Bearer ${"a".repeat(4097)}`],
  ])("Authorization %s → 401", async (_label, authorization) => {
    const { service, endpoint } = await setUp();
    const response = await certify({ authorization, json: { service_id: service.service_id } });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: "unauthorized", message: expect.any(String) });
    expect(endpoint.received).toHaveLength(0);
  });

  it.each([
    ["lowercase bearer", "bearer 123456789", "bearer", "123456789"],
    ["extra spaces between", "Bearer    123456789", "Bearer", "123456789"],
    ["surrounding spaces", "  Bearer 123456789  ", "Bearer", "123456789"],
    ["token of 4096 chars", `Bearer ${"a".repeat(4096)}`, "Bearer", "a".repeat(4096)],
  ])(
    "Authorization with %s is accepted and forwarded as parsed",
    async (_label, authorization, tokenType, accessToken) => {
      const { service, endpoint } = await setUp();
      const response = await certify({ authorization, json: { service_id: service.service_id } });
      expect(response.status).toBe(200);
      expect(JSON.parse(itemAt(endpoint.received, 0, "A&A call").rawBody)).toMatchObject({
        token_type: tokenType,
        access_token: accessToken,
      });
    },
  );

  it("unknown service 404, bad JSON 400, invalid fields 400, oversized 413, wrong content type 415", async () => {
    const { service, endpoint } = await setUp();
    const seenBefore = aa.all.length;
    const unknown = await certify({ authorization: "Bearer tok", json: { service_id: "no-such-service" } });
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).error).toBe("not_found");

    const badJson = await certify({ authorization: "Bearer tok", body: '{"service_id":' });
    expect(badJson.status).toBe(400);
    expect((await badJson.json()).error).toBe("invalid_json");

    for (const json of [
      {},
      { service_id: 42 },
      { service_id: service.service_id, user_identifier: "" },
      { service_id: service.service_id, extra: 1 },
    ]) {
      const invalid = await certify({ authorization: "Bearer tok", json });
      expect(invalid.status).toBe(400);
      expect((await invalid.json()).error).toBe("invalid_request");
    }

    const huge = await certify({
      authorization: "Bearer tok",
      json: { service_id: service.service_id, user_identifier: "u".repeat(5000) },
    });
    expect(huge.status).toBe(413);
    expect((await huge.json()).error).toBe("payload_too_large");

    const form = await certify({
      authorization: "Bearer tok",
      body: "service_id=x",
      contentType: "application/x-www-form-urlencoded",
    });
    expect(form.status).toBe(415);

    expect(endpoint.received).toHaveLength(0);
    expect(aa.all.length).toBe(seenBefore);
  });
});

describe("POST /api/v1/certify – rate limits", () => {
  it("per client IP: the 121st request in a minute is 429 with Retry-After, without a callback", async () => {
    const { service, endpoint, developmentToken } = await setUp({ mode: "development" });
    const ip = freshIp();
    const statuses: number[] = [];
    for (let i = 0; i < 120; i += 20) {
      const batch = await Promise.all(
        Array.from({ length: 20 }, () =>
          certify({ ip, authorization: `Bearer ${developmentToken}`, json: { service_id: service.service_id } }),
        ),
      );
      statuses.push(...batch.map((response) => response.status));
    }
    expect(statuses.every((status) => status === 200)).toBe(true);
    const limited = await certify({
      ip,
      authorization: `Bearer ${developmentToken}`,
      json: { service_id: service.service_id },
    });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await limited.json()).error).toBe("rate_limited");
    // Malformed requests count against the address too: they are refused by the limiter before parsing.
    expect((await certify({ ip, authorization: "garbage", json: {} })).status).toBe(429);
    // Another address is unaffected.
    expect(
      (await certify({ authorization: `Bearer ${developmentToken}`, json: { service_id: service.service_id } })).status,
    ).toBe(200);
    expect(endpoint.received).toHaveLength(0);
    expect(await getDb().callbackLog.count({ where: { serviceId: service.id } })).toBe(121);
  });
});

describe("callback log", () => {
  it("records each certification without the access token or the password", async () => {
    const { partner, service, apiPassword, endpoint } = await setUp();
    const secretToken = `tok-${randomBytes(8).toString("hex")}`;
    await certify({
      authorization: `Bearer ${secretToken}`,
      json: { service_id: service.service_id, user_identifier: "carol" },
    });
    endpoint.behaviour.status = 401;
    await certify({ authorization: `Bearer ${secretToken}`, json: { service_id: service.service_id } });

    const rows = await logsOf(service.id);
    expect(rows).toHaveLength(2);
    const raw = JSON.stringify(rows);
    expect(raw).not.toContain(secretToken);
    expect(raw).not.toContain(apiPassword);

    const response = await api(`/api/v1/services/${service.id}/callback/logs`, { token: partner.apiToken });
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(JSON.stringify(body)).not.toContain(secretToken);
    expect(body.data).toHaveLength(2);
    expect(body.data[0]).toMatchObject({
      outcome: "rejected",
      callback_status: 401,
      mode: "production",
      user_identifier: null,
      test: false,
    });
    expect(body.data[1]).toMatchObject({
      outcome: "certified",
      callback_status: 200,
      user_identifier: "carol",
      latency_ms: expect.any(Number),
    });
    expect(body.last_24h).toEqual({ total: 2, certified: 1, success_rate: 0.5 });
  });
});
