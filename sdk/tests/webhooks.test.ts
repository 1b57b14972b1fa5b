import { describe, expect, it } from "vitest";
import { signWebhook, verifyWebhook, WebhookVerificationError } from "../src/webhooks.ts";

// The Standard Webhooks specification's own example.
const SPEC = {
  secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
  id: "msg_p5jXN8AQM9LWM0D4loKWxJek",
  timestamp: 1614265330,
  body: '{"test": 2432232314}',
  signature: "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
};
const at = new Date(SPEC.timestamp * 1000);
const headers = (signature = SPEC.signature, timestamp = String(SPEC.timestamp)) => ({
  "webhook-id": SPEC.id,
  "webhook-timestamp": timestamp,
  "webhook-signature": signature,
});

describe("Standard Webhooks verifier", () => {
  it("signs the specification's known-answer vector", () => {
    expect(signWebhook({ secret: SPEC.secret, id: SPEC.id, timestamp: SPEC.timestamp, body: SPEC.body })).toBe(
      SPEC.signature,
    );
  });

  it("verifies the known-answer vector and returns the parsed payload", () => {
    const event = verifyWebhook({ secret: SPEC.secret, headers: headers(), body: SPEC.body, now: at });
    expect(event).toEqual({ id: SPEC.id, timestamp: SPEC.timestamp, payload: { test: 2432232314 } });
  });

  it("accepts Headers objects, Buffers and a match anywhere in a list of signatures", () => {
    const list = `v1,${Buffer.alloc(32).toString("base64")} v2,whatever ${SPEC.signature}`;
    expect(() =>
      verifyWebhook({
        secret: SPEC.secret,
        headers: new Headers(headers(list)),
        body: Buffer.from(SPEC.body),
        now: at,
      }),
    ).not.toThrow();
  });

  it.each([
    ["a changed body", { body: '{"test": 2432232315}' }],
    ["another secret", { secret: `whsec_${Buffer.from("other secret").toString("base64")}` }],
    ["a non-v1 scheme", { headers: headers(SPEC.signature.replace("v1,", "v1a,")) }],
    ["no signature header", { headers: { "webhook-id": SPEC.id, "webhook-timestamp": String(SPEC.timestamp) } }],
    ["a timestamp 301 s old", { now: new Date((SPEC.timestamp + 301) * 1000) }],
    ["a timestamp 301 s ahead", { now: new Date((SPEC.timestamp - 301) * 1000) }],
    ["a non-numeric timestamp", { headers: headers(SPEC.signature, "16142653e0") }],
  ])("refuses %s", (_label, override) => {
    expect(() =>
      verifyWebhook({ secret: SPEC.secret, headers: headers(), body: SPEC.body, now: at, ...override }),
    ).toThrow(WebhookVerificationError);
  });

  it("accepts timestamps exactly at the 5-minute tolerance", () => {
    expect(() =>
      verifyWebhook({
        secret: SPEC.secret,
        headers: headers(),
        body: SPEC.body,
        now: new Date((SPEC.timestamp + 300) * 1000),
      }),
    ).not.toThrow();
  });
});
