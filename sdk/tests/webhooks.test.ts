import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { WebhookVerificationError } from "../src/errors.js";
import { signWebhook, verifyWebhook } from "../src/webhooks.js";

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

  it("accepts any of several secrets (rotation overlap) and says which check failed with a code", () => {
    const other = `whsec_${Buffer.from("another secret of 32 bytes......").toString("base64")}`;
    const event = verifyWebhook({ secret: [other, SPEC.secret], headers: headers(), body: SPEC.body, now: at });
    expect(event.id).toBe(SPEC.id);
    const failure = (() => {
      try {
        verifyWebhook({ secret: [other], headers: headers(), body: SPEC.body, now: at });
      } catch (error) {
        return error;
      }
    })();
    expect(failure).toBeInstanceOf(WebhookVerificationError);
    expect(failure).toMatchObject({ name: "WebhookVerificationError", code: "invalid_signature" });
  });
});

describe("agreement with the standardwebhooks package", () => {
  const secret = `whsec_${Buffer.from("portico-test-secret-0123456789ab").toString("base64")}`;
  const body = JSON.stringify({ id: "evt_1", type: "webhook.test", created_at: "2026-01-01T00:00:00Z", data: {} });

  it("verifies what the reference implementation signs", () => {
    const reference = new Webhook(secret);
    const timestamp = new Date();
    const signature = reference.sign("msg_1", timestamp, body);
    const headers = {
      "webhook-id": "msg_1",
      "webhook-timestamp": String(Math.floor(timestamp.getTime() / 1000)),
      "webhook-signature": signature,
    };
    expect(verifyWebhook({ secret, headers, body }).payload).toEqual(JSON.parse(body));
  });

  it("signs what the reference implementation verifies, and both refuse a tampered body", () => {
    const timestamp = Math.floor(Date.now() / 1000);
    const headers = {
      "webhook-id": "msg_2",
      "webhook-timestamp": String(timestamp),
      "webhook-signature": signWebhook({ secret, id: "msg_2", timestamp, body }),
    };
    expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
    expect(() => new Webhook(secret).verify(`${body} `, headers)).toThrow();
    expect(() => verifyWebhook({ secret, headers, body: `${body} ` })).toThrow(WebhookVerificationError);
  });

  it("a rotation's double signature verifies with either secret alone, in both implementations", () => {
    const previous = `whsec_${Buffer.from("previous-secret-0123456789abcdef").toString("base64")}`;
    const timestamp = Math.floor(Date.now() / 1000);
    const signatures = [secret, previous].map((key) => signWebhook({ secret: key, id: "msg_3", timestamp, body }));
    const headers = {
      "webhook-id": "msg_3",
      "webhook-timestamp": String(timestamp),
      "webhook-signature": signatures.join(" "),
    };
    for (const key of [secret, previous]) {
      expect(new Webhook(key).verify(body, headers)).toEqual(JSON.parse(body));
      expect(verifyWebhook({ secret: key, headers, body }).id).toBe("msg_3");
    }
  });
});
