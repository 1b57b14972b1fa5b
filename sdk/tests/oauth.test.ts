import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { type AccessTokenRecord, createClientCredentialsIssuer } from "../src/oauth.js";

const form = (fields: Record<string, string>) => new URLSearchParams(fields);

describe("OAuth2 v1 client-credentials token endpoint (webhook contract)", () => {
  it("issues {access_token, expires_in} for form credentials, and the token verifies until it expires", async () => {
    let now = new Date("2026-01-01T00:00:00Z");
    const issuer = createClientCredentialsIssuer({ clients: { portico: "s3cret" }, ttlSeconds: 60, now: () => now });
    const result = await issuer.handleTokenRequest(
      form({ grant_type: "client_credentials", client_id: "portico", client_secret: "s3cret" }),
    );
    expect(result.status).toBe(200);
    expect(result.headers["cache-control"]).toBe("no-store");
    expect(result.body).toMatchObject({
      token_type: "Bearer",
      expires_in: 60,
      access_token: expect.stringMatching(/^[\w-]{43}$/),
    });
    const token = String(result.body.access_token);
    expect(await issuer.verifyAccessToken(`Bearer ${token}`)).toBe(true);
    expect(await issuer.verifyAccessToken(token)).toBe(true);
    now = new Date(now.getTime() + 60_000);
    expect(await issuer.verifyAccessToken(token)).toBe(false);
  });

  it("accepts HTTP Basic client authentication", async () => {
    const issuer = createClientCredentialsIssuer({ clients: { portico: "s3cret" } });
    const basic = `Basic ${Buffer.from("portico:s3cret").toString("base64")}`;
    expect((await issuer.handleTokenRequest(form({ grant_type: "client_credentials" }), basic)).status).toBe(200);
  });

  it.each([
    [
      "wrong secret",
      { grant_type: "client_credentials", client_id: "portico", client_secret: "nope" },
      401,
      "invalid_client",
    ],
    [
      "unknown client",
      { grant_type: "client_credentials", client_id: "toString", client_secret: "x" },
      401,
      "invalid_client",
    ],
    [
      "another grant",
      { grant_type: "password", client_id: "portico", client_secret: "s3cret" },
      400,
      "unsupported_grant_type",
    ],
  ])("%s → %i %s", async (_label, fields, status, code) => {
    const issuer = createClientCredentialsIssuer({ clients: { portico: "s3cret" } });
    const result = await issuer.handleTokenRequest(form(fields));
    expect(result.status).toBe(status);
    expect(result.body.error).toBe(code);
  });

  it("unknown tokens do not verify", async () => {
    const issuer = createClientCredentialsIssuer({ clients: { portico: "s3cret" } });
    expect(await issuer.verifyAccessToken("Bearer made-up")).toBe(false);
    expect(await issuer.verifyAccessToken(undefined)).toBe(false);
  });

  it("keeps tokens in a pluggable store, which sees only their SHA-256", async () => {
    const saved = new Map<string, AccessTokenRecord>();
    const store = {
      save: async (hash: string, record: AccessTokenRecord) => void saved.set(hash, record),
      find: async (hash: string) => saved.get(hash),
    };
    const issuer = createClientCredentialsIssuer({ clients: { portico: "s3cret" }, store });
    const result = await issuer.handleTokenRequest(
      form({ grant_type: "client_credentials", client_id: "portico", client_secret: "s3cret" }),
    );
    const token = String(result.body.access_token);
    expect([...saved.keys()]).toEqual([createHash("sha256").update(token).digest("hex")]);
    expect(saved.get([...saved.keys()][0] ?? "")?.clientId).toBe("portico");
    // Another issuer on the same store (another process) accepts it.
    const sibling = createClientCredentialsIssuer({ clients: {}, store });
    expect(await sibling.verifyAccessToken(`Bearer ${token}`)).toBe(true);
  });
});
