import { describe, expect, it } from "vitest";
import { computeNextAttemptAt, jitter, parseRetryAfter } from "@/lib/webhooks/retry";
import { createEndpointSchema } from "@/lib/webhooks/schemas";
import { buildPayload, excerpt } from "@/lib/webhooks/sender";

const SVIX = [5, 300, 1800, 7200, 18000, 36000, 36000];
const now = new Date("2026-01-01T00:00:00Z");
const half = () => 0.5; // no jitter

describe("webhook retry schedule", () => {
  it("follows the Svix schedule, then gives up after the 8th attempt", () => {
    const delays = SVIX.map(
      (_, i) =>
        ((computeNextAttemptAt({ attemptsMade: i + 1, scheduleSeconds: SVIX, now, random: half })?.getTime() ??
          Number.NaN) -
          now.getTime()) /
        1000,
    );
    expect(delays).toEqual(SVIX);
    expect(computeNextAttemptAt({ attemptsMade: 8, scheduleSeconds: SVIX, now })).toBeNull();
  });

  it("jitters by at most ±10 %", () => {
    expect(jitter(100, () => 0)).toBe(90);
    expect(jitter(100, () => 1)).toBeCloseTo(110);
  });

  it("a Retry-After replaces the scheduled delay", () => {
    const next = computeNextAttemptAt({ attemptsMade: 1, scheduleSeconds: SVIX, retryAfterSeconds: 120, now });
    expect(next?.getTime()).toBe(now.getTime() + 120_000);
  });

  it("parses Retry-After as seconds or HTTP date, capped at a day", () => {
    expect(parseRetryAfter("30", now)).toBe(30);
    expect(parseRetryAfter(new Date(now.getTime() + 60_000).toUTCString(), now)).toBe(60);
    expect(parseRetryAfter("999999", now)).toBe(86400);
    expect(parseRetryAfter("soon", now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});

describe("webhook endpoint input", () => {
  const v1 = {
    type: "OAuth2",
    version: "v1",
    data: { url: "https://auth.example/token", grant_type: "client_credentials", client_id: "id", client_secret: "s" },
  };
  it.each([
    ["v1", v1],
    ["v2", { type: "OAuth2", version: "v2", data: { token: "fixed" } }],
    ["none", null],
  ])("accepts the contract's %s shape", (_label, authentication) => {
    expect(createEndpointSchema.safeParse({ url: "https://hooks.example/in", authentication }).success).toBe(true);
  });

  it.each([
    ["wrong grant", { ...v1, data: { ...v1.data, grant_type: "password" } }],
    ["missing secret", { ...v1, data: { url: v1.data.url, grant_type: "client_credentials", client_id: "id" } }],
    ["bad token url", { ...v1, data: { ...v1.data, url: "ftp://x" } }],
    ["unknown version", { ...v1, version: "v3" }],
    ["wrong type", { ...v1, type: "Basic" }],
    ["extra field", { ...v1, data: { ...v1.data, audience: "x" } }],
    ["v2 without token", { type: "OAuth2", version: "v2", data: {} }],
  ])("refuses %s", (_label, authentication) => {
    expect(createEndpointSchema.safeParse({ url: "https://hooks.example/in", authentication }).success).toBe(false);
  });
});

describe("webhook payload", () => {
  it("is {id, type, created_at, data} with the event id", () => {
    const body = buildPayload({ id: "evt_1", type: "login.redeemed", createdAt: now, data: '{"a":1}' });
    expect(JSON.parse(body)).toEqual({
      id: "evt_1",
      type: "login.redeemed",
      created_at: now.toISOString(),
      data: { a: 1 },
    });
  });

  it("keeps at most 1 KB of a response, on a character boundary", () => {
    expect(Buffer.byteLength(excerpt("é".repeat(2000)) ?? "")).toBeLessThanOrEqual(1024);
    expect(excerpt("")).toBeNull();
  });
});
