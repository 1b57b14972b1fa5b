import { describe, expect, it } from "vitest";
import { buildSignatureHeader, generateSigningSecret, signMessage } from "@/lib/webhooks/signing";
import { verifyStandardWebhook } from "../support/webhook-receiver";

// The Standard Webhooks specification's published known-answer vector (standard-webhooks repo test suites).
const VECTOR = {
  secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
  id: "msg_p5jXN8AQM9LWM0D4loKWxJek",
  timestamp: 1614265330,
  body: '{"test": 2432232314}',
  signature: "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
};

describe("Standard Webhooks signatures", () => {
  it("the test verifier accepts the spec's known-answer vector", () => {
    const result = verifyStandardWebhook({
      ...VECTOR,
      timestamp: String(VECTOR.timestamp),
      nowSeconds: VECTOR.timestamp,
    });
    expect(result).toEqual({ ok: true });
  });

  it("Portico's signer reproduces the known-answer vector", () => {
    expect(signMessage(VECTOR.secret, VECTOR.id, VECTOR.timestamp, VECTOR.body)).toBe(VECTOR.signature);
  });

  it("the verifier rejects a changed body, id, stale timestamp and a wrong secret", () => {
    const base = { ...VECTOR, timestamp: String(VECTOR.timestamp), nowSeconds: VECTOR.timestamp };
    expect(verifyStandardWebhook({ ...base, body: '{"test": 2432232315}' }).ok).toBe(false);
    expect(verifyStandardWebhook({ ...base, id: "msg_other" }).ok).toBe(false);
    expect(verifyStandardWebhook({ ...base, nowSeconds: VECTOR.timestamp + 301 }).ok).toBe(false);
    expect(verifyStandardWebhook({ ...base, secret: generateSigningSecret() }).ok).toBe(false);
  });

  it("secrets are whsec_ + base64 of at least 24 random bytes", () => {
    const secret = generateSigningSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    expect(Buffer.from(secret.slice(6), "base64").length).toBeGreaterThanOrEqual(24);
    expect(generateSigningSecret()).not.toBe(secret);
  });

  it("during a rotation both signatures are sent and either secret verifies", () => {
    const [current, previous] = [generateSigningSecret(), generateSigningSecret()];
    const now = Math.floor(Date.now() / 1000);
    const header = buildSignatureHeader([current, previous], "evt_1", now, "{}");
    expect(header.split(" ")).toHaveLength(2);
    for (const secret of [current, previous]) {
      expect(
        verifyStandardWebhook({ secret, id: "evt_1", timestamp: String(now), signature: header, body: "{}" }),
      ).toEqual({ ok: true });
    }
  });
});
