import { describe, expect, it } from "vitest";
import { parseAuthorizationCallback, validateAuthorizationCallback } from "../src/callbacks.js";

const options = {
  apiUser: "portico",
  apiSecret: "pa55word",
  verifyAccessToken: ({ accessToken }: { accessToken: string }) => accessToken === "device-token",
};
const body = {
  api_user: "portico",
  api_secret: "pa55word",
  access_token: "device-token",
  token_type: "Bearer",
  user_identifier: "u-1",
};

describe("A&A callback validator", () => {
  it("accepts the contract's body with valid credentials and token → 200", async () => {
    const result = await validateAuthorizationCallback(body, options);
    expect(result).toMatchObject({ status: 200, callback: body });
  });

  it("user_identifier is optional", async () => {
    const { user_identifier: _omitted, ...withoutUser } = body;
    expect((await validateAuthorizationCallback(withoutUser, options)).status).toBe(200);
  });

  it.each([
    ["wrong api_user", { ...body, api_user: "someone" }, 401],
    ["wrong api_secret", { ...body, api_secret: "pa55word!" }, 401],
    ["unknown access token", { ...body, access_token: "stolen" }, 401],
    ["non-bearer token type", { ...body, token_type: "MAC" }, 401],
    ["missing access_token", { ...body, access_token: undefined }, 400],
    ["numeric user_identifier", { ...body, user_identifier: 7 }, 400],
    ["an array", [body], 400],
  ])("%s → %i", async (_label, payload, status) => {
    expect((await validateAuthorizationCallback(payload, options)).status).toBe(status);
  });

  it("parse reports the first missing field", () => {
    expect(parseAuthorizationCallback({ api_user: "x" })).toEqual({ ok: false, message: "api_secret is required." });
  });
});
