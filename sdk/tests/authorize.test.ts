import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createAuthorizeResponse, signServiceTimestamp } from "../src/authorize.js";

describe("/authorize responder", () => {
  it("signs service_id + str(timestamp) with HMAC-SHA256 and base64, as the contract's Python", () => {
    // hmac.sign(msg=f'{SERVICE_ID}{timestamp}'.encode(), key=SERVICE_SECRET.encode()); base64.b64encode(...)
    const expected = createHmac("sha256", "s3cret").update("svc-1231614265330").digest("base64");
    expect(signServiceTimestamp("svc-123", "s3cret", 1614265330)).toBe(expected);
    // Known answer computed with Python's hmac module.
    expect(signServiceTimestamp("svc-123", "s3cret", 1614265330)).toBe("f9I58h9VQk3gcHAhLcxMpSt4C7YroPFcHtcCNdS+SJU=");
  });

  it("answers {timestamp (whole seconds), service_signature, version}", () => {
    const body = createAuthorizeResponse({
      serviceId: "svc-123",
      serviceSecret: "s3cret",
      version: "abc",
      now: new Date(1614265330999),
    });
    expect(body).toEqual({
      timestamp: 1614265330,
      service_signature: signServiceTimestamp("svc-123", "s3cret", 1614265330),
      version: "abc",
    });
  });
});
