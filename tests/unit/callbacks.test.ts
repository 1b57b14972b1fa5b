import { describe, expect, it } from "vitest";
import { parseAuthorizationHeader } from "@/lib/callbacks/authorization";
import { createCertificationCache } from "@/lib/callbacks/cache";
import { assertUsableInProduction, generateDevelopmentToken } from "@/lib/callbacks/callback-config";
import { computeSuccessRate } from "@/lib/callbacks/logs";
import { buildCallbackBody } from "@/lib/callbacks/partner-call";
import { certifyRequestSchema, putCallbackConfigSchema, SUCCESSFUL_CALLBACK_OUTCOMES } from "@/lib/callbacks/schemas";
import { ConfigError, parseConfig } from "@/lib/config";
import { AppError } from "@/lib/errors";

describe("parseAuthorizationHeader", () => {
  it.each([
    ["Bearer 123456789", "Bearer", "123456789"],
    ["bearer 123456789", "bearer", "123456789"],
    ["Bearer   123456789", "Bearer", "123456789"],
    ["Bearer\t123456789", "Bearer", "123456789"],
    [" MAC  a.b-c_d~e+f/g= ", "MAC", "a.b-c_d~e+f/g="],
    ["Custom_Type-2 x", "Custom_Type-2", "x"],
  ])("%j → %s / %s", (header, tokenType, accessToken) => {
    expect(parseAuthorizationHeader(header)).toEqual({ tokenType, accessToken });
  });

  it.each([
    null,
    "",
    "   ",
    "Bearer",
    "Bearer ",
    "123",
    "Bearer a b",
    "Be.arer a",
    "Bearer tökén",
    `Bearer ${"a".repeat(4097)}`,
    `${"T".repeat(65)} a`,
  ])("%j → 401", (header) => {
    try {
      parseAuthorizationHeader(header);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).status).toBe(401);
    }
  });

  it("accepts an access token of exactly 4096 characters", () => {
    expect(parseAuthorizationHeader(`Bearer ${"a".repeat(4096)}`).accessToken).toHaveLength(4096);
  });
});

describe("buildCallbackBody", () => {
  const base = { apiUser: "u", apiPassword: "p", tokenType: "Bearer", accessToken: "t" };
  it("names the password api_secret and keeps the contract's field order", () => {
    expect(JSON.stringify(buildCallbackBody({ ...base, userIdentifier: "id" }))).toBe(
      '{"api_user":"u","api_secret":"p","access_token":"t","token_type":"Bearer","user_identifier":"id"}',
    );
  });
  it.each([undefined, null, ""])("omits user_identifier when it is %j", (userIdentifier) => {
    expect(buildCallbackBody({ ...base, userIdentifier })).not.toHaveProperty("user_identifier");
  });
});

describe("certification cache", () => {
  const parts = { serviceKey: "svc_1", configVersion: "v1", tokenType: "Bearer", accessToken: "secret-token" };

  it("remembers a positive answer for its TTL, per token and config version", () => {
    let now = 1_000_000;
    const cache = createCertificationCache(() => now);
    expect(cache.has(parts)).toBe(false);
    cache.remember(parts, 10);
    expect(cache.has(parts)).toBe(true);
    expect(cache.has({ ...parts, accessToken: "other" })).toBe(false);
    expect(cache.has({ ...parts, configVersion: "v2" })).toBe(false);
    expect(cache.has({ ...parts, userIdentifier: "someone" })).toBe(false);
    now += 10_001;
    expect(cache.has(parts)).toBe(false);
    expect(cache.size()).toBe(0);
  });

  it("does nothing with a TTL of 0 and is bounded", () => {
    const cache = createCertificationCache();
    cache.remember(parts, 0);
    expect(cache.size()).toBe(0);
    for (let i = 0; i < 10_050; i++) cache.remember({ ...parts, accessToken: `t${i}` }, 60);
    expect(cache.size()).toBe(10_000);
    expect(cache.has({ ...parts, accessToken: "t0" })).toBe(false);
    expect(cache.has({ ...parts, accessToken: "t10049" })).toBe(true);
  });
});

describe("callback configuration rules", () => {
  const complete = { url: "https://aa.example.com", apiUser: "u", hasPassword: true };
  it("production needs url, api_user and a password, and https unless private targets are allowed", () => {
    expect(() => assertUsableInProduction(complete, false)).not.toThrow();
    expect(() => assertUsableInProduction({ ...complete, url: null }, true)).toThrow(/url/);
    expect(() => assertUsableInProduction({ ...complete, apiUser: null }, true)).toThrow(/api_user/);
    expect(() => assertUsableInProduction({ ...complete, hasPassword: false }, true)).toThrow(/api_password/);
    expect(() => assertUsableInProduction({ ...complete, url: "http://aa.example.com" }, false)).toThrow(/https/);
    expect(() => assertUsableInProduction({ ...complete, url: "http://127.0.0.1:9000" }, true)).not.toThrow();
  });

  it("development tokens are random and recognisable", () => {
    const token = generateDevelopmentToken();
    expect(token).toMatch(/^dev_[0-9A-Za-z]{32}$/);
    expect(generateDevelopmentToken()).not.toBe(token);
  });

  it("schemas refuse what the contract does not allow", () => {
    expect(putCallbackConfigSchema.safeParse({ mode: "development" }).success).toBe(true);
    expect(putCallbackConfigSchema.safeParse({ mode: "prod" }).success).toBe(false);
    expect(putCallbackConfigSchema.safeParse({ mode: "development", cache_ttl_seconds: 1.5 }).success).toBe(false);
    expect(certifyRequestSchema.safeParse({ service_id: "x", user_identifier: null }).success).toBe(true);
    expect(certifyRequestSchema.safeParse({ service_id: "" }).success).toBe(false);
    expect(certifyRequestSchema.safeParse({ service_id: "x", user_identifier: "u".repeat(257) }).success).toBe(false);
  });
});

describe("success rate and limits", () => {
  it("counts certified and cached as successes", () => {
    expect([...SUCCESSFUL_CALLBACK_OUTCOMES].sort()).toEqual(["cached", "certified"]);
    expect(computeSuccessRate({ total: 0, certified: 0 })).toEqual({ total: 0, certified: 0, success_rate: null });
    expect(computeSuccessRate({ total: 4, certified: 3 })).toEqual({ total: 4, certified: 3, success_rate: 0.75 });
  });

  it("reads limits from the environment with defaults, naming a bad variable", () => {
    const secrets = {
      AUTH_SECRET: "x".repeat(40),
      PORTICO_ENCRYPTION_KEY: Buffer.alloc(32, 1).toString("base64"),
      PORTICO_SERVICE_ID: "portico-test",
      PORTICO_SERVICE_SECRET: "secret",
    };
    const limits = (env: Record<string, string>) => parseConfig({ ...secrets, ...env }).certifyLimits;
    expect(limits({})).toEqual({ perService: 600, perIp: 120, windowSeconds: 60 });
    expect(limits({ PORTICO_CERTIFY_LIMIT_PER_IP: "5" }).perIp).toBe(5);
    expect(() => limits({ PORTICO_CERTIFY_LIMIT_PER_SERVICE: "0" })).toThrow(ConfigError);
    expect(() => limits({ PORTICO_CERTIFY_LIMIT_PER_SERVICE: "lots" })).toThrow(/PORTICO_CERTIFY_LIMIT_PER_SERVICE/);
  });
});
