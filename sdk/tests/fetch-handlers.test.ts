// The Fetch handlers called with bare `Request`s, as a Next.js route handler, Hono, Bun or Deno would call them.
import { describe, expect, it } from "vitest";
import type { RedemptionResult } from "../src/client/redemption-result.js";
import {
  createCallbackHandler,
  createLoginHandler,
  createTokenEndpointHandler,
  createWebhookHandler,
} from "../src/handlers.js";
import { createClientCredentialsIssuer } from "../src/oauth.js";
import { signWebhook } from "../src/webhooks.js";

const secret = `whsec_${Buffer.from("fetch-handler-secret-0123456789a").toString("base64")}`;
const previous = `whsec_${Buffer.from("previous-handler-secret-01234567").toString("base64")}`;

function signedRequest(body: string, key = secret, headers: Record<string, string> = {}) {
  const timestamp = Math.floor(Date.now() / 1000);
  return new Request("https://partner.example/webhooks", {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "webhook-id": "evt_1",
      "webhook-timestamp": String(timestamp),
      "webhook-signature": signWebhook({ secret: key, id: "evt_1", timestamp, body }),
      ...headers,
    },
    body,
  });
}

describe("webhook handler (Fetch)", () => {
  const body = JSON.stringify({
    id: "evt_1",
    type: "service.status_changed",
    created_at: "2026-01-01T00:00:00Z",
    data: { id: "svc_1", status: "down" },
  });

  it("hands the typed event and its delivery id to onEvent, with either secret of a rotation", async () => {
    const seen: string[] = [];
    const handler = createWebhookHandler({
      secret: [secret, previous],
      onEvent: (event, delivery) => void seen.push(`${delivery.id} ${event.type}`),
    });
    expect((await handler(signedRequest(body))).status).toBe(204);
    expect((await handler(signedRequest(body, previous))).status).toBe(204);
    expect(seen).toEqual(["evt_1 service.status_changed", "evt_1 service.status_changed"]);
  });

  it("answers 400 with the verification code, 401 for a refused bearer and 413 over the size limit", async () => {
    const handler = createWebhookHandler({
      secret,
      onEvent: () => undefined,
      verifyAuthorization: (header) => header === "Bearer good",
      maxBodyBytes: 1024,
    });
    const bad = await handler(signedRequest(body, previous, { authorization: "Bearer good" }));
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: "invalid_signature" });
    expect((await handler(signedRequest(body, secret, { authorization: "Bearer bad" }))).status).toBe(401);
    const large = JSON.stringify({ padding: "x".repeat(2000) });
    expect((await handler(signedRequest(large, secret, { authorization: "Bearer good" }))).status).toBe(413);
  });
});

describe("A&A callback handler (Fetch)", () => {
  const handler = createCallbackHandler({
    apiUser: "portico",
    apiSecret: "s",
    verifyAccessToken: ({ accessToken }) => accessToken === "device-token",
  });
  const post = (body: string) =>
    handler(new Request("https://partner.example/aa", { method: "POST", body, headers: { "content-type": "json" } }));

  it("answers 200 for a known token, 401 for an unknown one, 400 for non-JSON", async () => {
    const callback = { api_user: "portico", api_secret: "s", token_type: "Bearer" };
    expect((await post(JSON.stringify({ ...callback, access_token: "device-token" }))).status).toBe(200);
    expect((await post(JSON.stringify({ ...callback, access_token: "random" }))).status).toBe(401);
    expect((await post("{not json")).status).toBe(400);
  });
});

describe("token endpoint handler (Fetch)", () => {
  it("issues a token for form credentials that the issuer then verifies", async () => {
    const issuer = createClientCredentialsIssuer({ clients: { portico: "s3cret" } });
    const response = await createTokenEndpointHandler(issuer)(
      new Request("https://partner.example/oauth/token", {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: "grant_type=client_credentials&client_id=portico&client_secret=s3cret",
      }),
    );
    expect(response.status).toBe(200);
    const { access_token } = (await response.json()) as { access_token: string };
    expect(await issuer.verifyAccessToken(`Bearer ${access_token}`)).toBe(true);
  });
});

describe("one-time-login landing (Fetch)", () => {
  const sessionEnd = new Date(Date.now() + 3_600_000);
  const redeemer = {
    redeem: async (token: string): Promise<RedemptionResult> =>
      token === "good"
        ? { ok: true, email: "ada@example.test", sessionExpiresAt: sessionEnd }
        : { ok: false, reason: "already_used", message: "This one-time login token has already been used." },
  };
  const created: { email: string; expiresAt: Date }[] = [];
  const login = createLoginHandler({
    redeemer,
    timeZone: "Pacific/Kiritimati",
    createSession: (session) => {
      created.push(session);
      return "session-1";
    },
  });

  it("redeems, sets a cookie ending no later than Portico's session end, and redirects without the token", async () => {
    const response = await login(new Request("https://app.example/start?v=3&services=good&lang=en"));
    expect(response?.status).toBe(303);
    expect(response?.headers.get("location")).toBe("/start?v=3&lang=en");
    const cookie = response?.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/^services_cookie=session-1; Expires=/);
    expect(cookie).toContain("Secure");
    expect(created[0]?.email).toBe("ada@example.test");
    expect(created[0]?.expiresAt.getTime()).toBeLessThanOrEqual(sessionEnd.getTime());
  });

  it("answers null without a token, and 401 naming the reason for a refused one", async () => {
    expect(await login(new Request("https://app.example/start"))).toBeNull();
    const refused = await login(new Request("https://app.example/start?services=used"));
    expect(refused?.status).toBe(401);
    expect(await refused?.text()).toContain("already_used");
  });
});
