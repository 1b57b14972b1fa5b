// The client's retry, error and pagination rules, against a small HTTP server that answers what a test needs (rate
// limits, outages and odd bodies a real Portico cannot be made to produce on demand). The routes themselves are
// covered against a real Portico in tests/integration/sdk-client.test.ts.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { acceptInvitation } from "../src/client/accept-invitation.js";
import { createPorticoClient } from "../src/client/index.js";
import { PorticoApiError, PorticoConnectionError } from "../src/errors.js";

type Reply = { status: number; body?: unknown; headers?: Record<string, string> };
let replies: Reply[] = [];
let seen: { method: string; url: string; authorization?: string; body: string }[] = [];
let seenRequestIds: string[] = [];
let server: http.Server;
let baseUrl: string;

beforeAll(async () => {
  server = http.createServer(async (req, res) => {
    let body = "";
    for await (const chunk of req) body += chunk;
    seen.push({ method: req.method ?? "", url: req.url ?? "", authorization: req.headers.authorization, body });
    seenRequestIds.push(String(req.headers["x-request-id"]));
    const reply = replies.shift() ?? { status: 500, body: { error: "internal_error", message: "no reply queued" } };
    const text = typeof reply.body === "string" ? reply.body : JSON.stringify(reply.body ?? {});
    res.writeHead(reply.status, {
      "content-type": typeof reply.body === "string" ? "text/plain" : "application/json",
      ...reply.headers,
    });
    res.end(reply.status === 204 ? undefined : text);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  replies = [];
  seen = [];
  seenRequestIds = [];
});

const client = (retries: { maxRetries?: number; maxDelayMs?: number } = {}) =>
  createPorticoClient({ baseUrl, apiToken: "ptk_test", retry: { baseDelayMs: 1, ...retries } });

const service = { id: "svc_1", name: "A", url: "https://a.example" };

describe("client errors", () => {
  it("turns {error, message, issues} into a PorticoApiError with status, code, issues and request id", async () => {
    replies = [
      {
        status: 400,
        headers: { "x-request-id": "req_42" },
        body: { error: "invalid_request", message: "url: bad", issues: [{ path: ["url"], message: "bad" }] },
      },
    ];
    const error = await client()
      .services.create({ name: "A", url: "nope" })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PorticoApiError);
    expect(error).toMatchObject({
      name: "PorticoApiError",
      status: 400,
      code: "invalid_request",
      message: "url: bad",
      issues: [{ path: ["url"], message: "bad" }],
      requestId: "req_42",
    });
    expect(seen[0]).toMatchObject({ method: "POST", url: "/api/v1/services", authorization: "Bearer ptk_test" });
    expect(JSON.parse(seen[0]?.body ?? "")).toEqual({ name: "A", url: "nope" });
  });

  it("gives a non-JSON error a code from its status, and the request id it sent when none came back", async () => {
    replies = [{ status: 404, body: "<h1>Not found</h1>" }];
    const error = await client()
      .services.get("svc_x")
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: "not_found", status: 404 });
    expect((error as PorticoApiError).requestId).toBe(seenRequestIds[0]);
    expect(seenRequestIds[0]).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("reports an unreachable Portico as PorticoConnectionError after the retries of an idempotent call", async () => {
    const offline = createPorticoClient({
      baseUrl: "http://127.0.0.1:9",
      apiToken: "ptk_test",
      retry: { maxRetries: 1, baseDelayMs: 1 },
    });
    await expect(offline.services.list()).rejects.toMatchObject({
      name: "PorticoConnectionError",
      code: "connection_failed",
    });
    await expect(offline.services.list()).rejects.toBeInstanceOf(PorticoConnectionError);
  });
});

describe("client retries", () => {
  it("retries a GET after 503 and 429, waiting what Retry-After says", async () => {
    replies = [
      { status: 503, body: { error: "unavailable", message: "db" } },
      { status: 429, headers: { "retry-after": "1" }, body: { error: "rate_limited", message: "slow down" } },
      { status: 200, body: service },
    ];
    const delays: number[] = [];
    const retrying = createPorticoClient({
      baseUrl,
      apiToken: "ptk_test",
      retry: { baseDelayMs: 1 },
      onRetry: ({ delayMs }) => delays.push(delayMs),
    });
    expect(await retrying.services.get("svc_1")).toEqual(service);
    expect(seen).toHaveLength(3);
    expect(delays[1]).toBe(1000);
  });

  it("does not repeat a POST after a 5xx (it may have been processed), but does after a 429", async () => {
    replies = [{ status: 502, body: { error: "partner_unreachable", message: "timeout" } }];
    await expect(client().services.check("svc_1")).rejects.toMatchObject({ status: 502 });
    expect(seen).toHaveLength(1);

    replies = [
      { status: 429, headers: { "retry-after": "0" }, body: { error: "rate_limited", message: "later" } },
      { status: 200, body: { status: "live" } },
    ];
    expect(await client().services.check("svc_1")).toEqual({ status: "live" });
    expect(seen).toHaveLength(3);
  });

  it("gives up at once when Retry-After asks for longer than maxDelayMs, and after maxRetries", async () => {
    replies = [{ status: 429, headers: { "retry-after": "120" }, body: { error: "rate_limited", message: "later" } }];
    await expect(client().services.list()).rejects.toMatchObject({ code: "rate_limited", retryAfterSeconds: 120 });
    expect(seen).toHaveLength(1);

    seen = [];
    replies = Array.from({ length: 5 }, () => ({ status: 500, body: { error: "internal_error", message: "x" } }));
    await expect(client({ maxRetries: 2 }).services.list()).rejects.toMatchObject({ status: 500 });
    expect(seen).toHaveLength(3);
  });
});

describe("client pagination", () => {
  it("awaits to the first page and iterates every item across pages, passing next_cursor back", async () => {
    const check = (n: number) => ({ checked_at: `t${n}`, status: "live" });
    replies = [
      { status: 200, body: { data: [check(1), check(2)], next_cursor: "c2" } },
      { status: 200, body: { data: [check(1), check(2)], next_cursor: "c2" } },
      { status: 200, body: { data: [check(3)], next_cursor: null } },
    ];
    const first = await client().services.listChecks("svc_1", { limit: 2 });
    expect(first.next_cursor).toBe("c2");
    const all = await client().services.listChecks("svc_1", { limit: 2 }).toArray();
    expect(all.map((item) => item.checked_at)).toEqual(["t1", "t2", "t3"]);
    expect(seen.map((request) => request.url)).toEqual([
      "/api/v1/services/svc_1/checks?limit=2",
      "/api/v1/services/svc_1/checks?limit=2",
      "/api/v1/services/svc_1/checks?limit=2&cursor=c2",
    ]);
  });
});

describe("one-time login redemption", () => {
  it.each([
    [404, "Unknown one-time login token.", "unknown"],
    [410, "This one-time login token has already been used.", "already_used"],
    [410, "This one-time login token has expired.", "expired"],
    [403, "The user no longer has access to this service.", "forbidden"],
  ])("a %i %s is a result with reason %s", async (status, message, reason) => {
    replies = [{ status, body: { success: false, message } }];
    expect(await client().login.redeem("tok")).toEqual({ ok: false, reason, message });
  });

  it("succeeds with the e-mail and Portico's end of session; a bad API token throws", async () => {
    replies = [
      {
        status: 200,
        body: { internal_email_address: "ada@example.test", session_expires_at: "2026-03-30T00:00:00+02:00" },
      },
      { status: 401, body: { success: false, message: "Invalid API token." } },
    ];
    expect(await client().login.redeem("a/b")).toEqual({
      ok: true,
      email: "ada@example.test",
      sessionExpiresAt: new Date("2026-03-29T22:00:00Z"),
    });
    expect(seen[0]?.url).toBe("/api/authorization/a%2Fb");
    await expect(client().login.redeem("tok")).rejects.toMatchObject({ code: "unauthorized", status: 401 });
  });
});

describe("invitation acceptance", () => {
  it("sends the invitation token in the path and no Authorization, even from a client that has an API token", async () => {
    replies = [
      { status: 201, body: { user_id: "usr_1" } },
      { status: 201, body: { user_id: "usr_2" } },
    ];
    const invitee = { name: "Ina", password: "a long enough password" };
    expect(await acceptInvitation({ baseUrl, token: "inv/1", ...invitee })).toEqual({ user_id: "usr_1" });
    expect(await client().invitations.accept("inv2", invitee)).toEqual({ user_id: "usr_2" });
    expect(seen).toEqual([
      {
        method: "POST",
        url: "/api/invitations/inv%2F1/accept",
        authorization: undefined,
        body: JSON.stringify(invitee),
      },
      { method: "POST", url: "/api/invitations/inv2/accept", authorization: undefined, body: JSON.stringify(invitee) },
    ]);
  });
});
