// JWT issuance end to end against the built server: issuance, limits, storage, status look-ups and verification.
import { randomUUID } from "node:crypto";
import { decodeJwt, decodeProtectedHeader, jwtVerify, SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import { sha256Hex } from "@/lib/crypto/hash";
import { createId } from "@/lib/crypto/random";
import { getDb } from "@/lib/db/client";
import { revealSigningKey, rotateSigningKey } from "@/lib/tokens/signing-keys";
import { createPartner, revokeApiToken } from "../support/factories";
import { api } from "../support/http";
import { itemAt } from "../support/lists";

const PHONE = "+14155552671";
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

async function issue(token: string, phone: string, xid?: string) {
  return api(`/api/v1/token/${encodeURIComponent(phone)}${xid === undefined ? "" : `/${encodeURIComponent(xid)}`}`, {
    token,
  });
}

async function issueOk(token: string, phone = PHONE, xid?: string): Promise<string> {
  const response = await issue(token, phone, xid);
  expect(response.status, await response.clone().text()).toBe(200);
  return response.text();
}

function verify(token: string, jwt: unknown) {
  return api("/api/v1/token/verify", { token, json: { token: jwt } });
}

function countTransactions(partnerId: string) {
  return getDb().transaction.count({ where: { partnerId } });
}

async function signWith(key: Uint8Array, claims: Record<string, unknown>, alg = "HS256") {
  return new SignJWT(claims).setProtectedHeader({ alg, typ: "JWT" }).sign(key);
}

describe("issuance: GET /api/v1/token/{phone_number}[/{xid}]", () => {
  it("returns the JWT as text/plain with the contract's exact claims, signed with the base64-decoded key", async () => {
    const partner = await createPartner();
    const before = Math.floor(Date.now() / 1000);
    const response = await issue(partner.apiToken, PHONE);
    const after = Math.floor(Date.now() / 1000);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/plain/);
    const jwt = await response.text();
    expect(jwt).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);

    expect(decodeProtectedHeader(jwt)).toEqual({ alg: "HS256", typ: "JWT" });
    const claims = decodeJwt(jwt);
    expect(Object.keys(claims).sort()).toEqual(["exp", "iat", "iss", "phn", "xid"]);
    expect(claims.iss).toBe(partner.customerId);
    expect(claims.phn).toBe(PHONE);
    expect(claims.xid).toMatch(UUID_V4);
    expect(claims.iat).toBeGreaterThanOrEqual(before - 10);
    expect(claims.iat).toBeLessThanOrEqual(after - 10);
    expect((claims.exp as number) - (claims.iat as number)).toBe(90);

    const { key } = await revealSigningKey(partner.partnerId);
    expect(Buffer.from(key, "base64")).toHaveLength(32);
    await expect(jwtVerify(jwt, Buffer.from(key, "base64"), { algorithms: ["HS256"] })).resolves.toBeTruthy();
    // The undecoded base64 text is not the key.
    await expect(jwtVerify(jwt, new TextEncoder().encode(key), { algorithms: ["HS256"] })).rejects.toThrow();
  });

  it("uses the given XID, normalises the phone number to E.164 and stores a hash, not the token", async () => {
    const partner = await createPartner();
    const jwt = await issueOk(partner.apiToken, "1 (415) 555-2671", "order-42.a_b");
    expect(decodeJwt(jwt)).toMatchObject({ xid: "order-42.a_b", phn: PHONE });
    const row = await getDb().transaction.findUnique({
      where: { partnerId_xid: { partnerId: partner.partnerId, xid: "order-42.a_b" } },
    });
    expect(row).toMatchObject({ phoneNumber: PHONE, status: "issued", tokenHash: sha256Hex(jwt), verifiedAt: null });
    expect(JSON.stringify(row)).not.toContain(jwt);
    const claims = decodeJwt(jwt);
    expect(row?.expiresAt.getTime()).toBe((claims.exp as number) * 1000);

    const plain = decodeJwt(await issueOk(partner.apiToken, "447911123456"));
    expect(plain.phn).toBe("+447911123456");
  });

  it("a reused XID is 409 and stores nothing new; another partner may use the same XID", async () => {
    const partner = await createPartner();
    await issueOk(partner.apiToken, PHONE, "dup-1");
    const again = await issue(partner.apiToken, "+447911123456", "dup-1");
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ error: "conflict", message: expect.any(String) });
    expect(await countTransactions(partner.partnerId)).toBe(1);
    const other = await createPartner();
    await issueOk(other.apiToken, PHONE, "dup-1");
  });

  it.each([
    ["letters as phone", "not-a-phone", undefined],
    ["too short", "12345", undefined],
    ["impossible number", "+1000", undefined],
    ["XID with a space", PHONE, "a b"],
    ["XID with a slash-like char", PHONE, "a!b"],
    ["XID of 65 chars", PHONE, "x".repeat(65)],
  ])("bad input (%s) → 400 JSON error, nothing stored", async (_label, phone, xid) => {
    const partner = await createPartner();
    const response = await issue(partner.apiToken, phone, xid);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: "invalid_request", message: expect.any(String) });
    expect(await countTransactions(partner.partnerId)).toBe(0);
  });

  it("an XID of exactly 64 allowed characters is accepted", async () => {
    const partner = await createPartner();
    const xid = `${"A1._-".repeat(12)}abcd`;
    expect(xid).toHaveLength(64);
    expect(decodeJwt(await issueOk(partner.apiToken, PHONE, xid)).xid).toBe(xid);
  });

  it("401 without a token, with a malformed one and with a revoked one", async () => {
    const partner = await createPartner();
    expect((await api(`/api/v1/token/${PHONE}`)).status).toBe(401);
    expect((await issue("ptk_nonsense", PHONE)).status).toBe(401);
    await revokeApiToken({ partnerId: partner.partnerId, tokenId: partner.apiTokenId });
    const revoked = await issue(partner.apiToken, PHONE);
    expect(revoked.status).toBe(401);
    expect(await revoked.json()).toMatchObject({ error: "unauthorized" });
    expect(await countTransactions(partner.partnerId)).toBe(0);
  });

  it("a token revoked while in use (by another process) stops working within 1 s", async () => {
    const partner = await createPartner();
    await issueOk(partner.apiToken);
    await revokeApiToken({ partnerId: partner.partnerId, tokenId: partner.apiTokenId });
    const revokedAt = Date.now();
    let status = 200;
    while (status !== 401) {
      const sentAt = Date.now();
      status = (await issue(partner.apiToken, "+447911123456")).status;
      if (status !== 401) expect(sentAt - revokedAt).toBeLessThan(1_000);
    }
  });

  it("a pending partner is refused with 403", async () => {
    const partner = await createPartner({ approve: false });
    expect((await issue(partner.apiToken, PHONE)).status).toBe(403);
  });

  it("429 with Retry-After after the partner's per-minute limit", async () => {
    const partner = await createPartner();
    await getDb().partner.update({ where: { id: partner.partnerId }, data: { tokenRateLimitPerMinute: 3 } });
    for (let i = 0; i < 3; i++) await issueOk(partner.apiToken, `+4479111234${10 + i}`);
    const limited = await issue(partner.apiToken, "+447911123499");
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(Number(limited.headers.get("retry-after"))).toBeLessThanOrEqual(60);
    expect(await limited.json()).toMatchObject({ error: "rate_limited" });
    expect(await countTransactions(partner.partnerId)).toBe(3);
  });

  it("429 with Retry-After after the per-phone limit (default 5/min); other numbers still work", async () => {
    const partner = await createPartner();
    for (let i = 0; i < 5; i++) await issueOk(partner.apiToken, PHONE);
    const limited = await issue(partner.apiToken, "1-415-555-2671");
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    await issueOk(partner.apiToken, "+447911123456");
    expect(await countTransactions(partner.partnerId)).toBe(6);
  });

  it("100 concurrent issuances with distinct XIDs are all stored", async () => {
    const partner = await createPartner();
    const xids = Array.from({ length: 100 }, (_, i) => `bulk-${i}-${randomUUID().slice(0, 8)}`);
    const phones = Array.from({ length: 100 }, (_, i) => `+4479111234${String(i).padStart(2, "0")}`);
    const responses = await Promise.all(xids.map((xid, i) => issue(partner.apiToken, itemAt(phones, i, "phone"), xid)));
    expect(responses.map((response) => response.status)).toEqual(Array(100).fill(200));
    const tokens = await Promise.all(responses.map((response) => response.text()));
    expect(new Set(tokens.map((jwt) => decodeJwt(jwt).xid))).toEqual(new Set(xids));
    const rows = await getDb().transaction.findMany({ where: { partnerId: partner.partnerId }, select: { xid: true } });
    expect(new Set(rows.map((row) => row.xid))).toEqual(new Set(xids));
  });

  it("generated XIDs are distinct UUID v4s under concurrency", async () => {
    const partner = await createPartner();
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) => issue(partner.apiToken, `+4479111235${String(i).padStart(2, "0")}`)),
    );
    const xids = await Promise.all(responses.map(async (response) => decodeJwt(await response.text()).xid as string));
    expect(xids.every((xid) => UUID_V4.test(xid))).toBe(true);
    expect(new Set(xids).size).toBe(20);
    expect(await countTransactions(partner.partnerId)).toBe(20);
  });
});

describe("status look-up: GET /api/v1/transactions/{xid}", () => {
  it("reports issued, then verified, with times and phone number; other partners get 404", async () => {
    const partner = await createPartner();
    const jwt = await issueOk(partner.apiToken, PHONE, "status-1");
    const claims = decodeJwt(jwt);
    const issued = await api("/api/v1/transactions/status-1", { token: partner.apiToken });
    expect(issued.status).toBe(200);
    const body = await issued.json();
    expect(body).toEqual({
      xid: "status-1",
      phone_number: PHONE,
      status: "issued",
      issued_at: expect.any(String),
      expires_at: new Date((claims.exp as number) * 1000).toISOString(),
      verified_at: null,
    });

    const other = await createPartner();
    const foreign = await api("/api/v1/transactions/status-1", { token: other.apiToken });
    expect(foreign.status).toBe(404);
    expect(await foreign.json()).toMatchObject({ error: "not_found" });
    expect((await api("/api/v1/transactions/never-issued", { token: partner.apiToken })).status).toBe(404);
    expect((await api("/api/v1/transactions/bad%20xid", { token: partner.apiToken })).status).toBe(400);
    expect((await api("/api/v1/transactions/status-1")).status).toBe(401);

    expect((await (await verify(partner.apiToken, jwt)).json()).valid).toBe(true);
    const verified = await (await api("/api/v1/transactions/status-1", { token: partner.apiToken })).json();
    expect(verified).toMatchObject({ status: "verified", verified_at: expect.any(String) });
  });

  it("reports expired once expires_at has passed", async () => {
    const partner = await createPartner();
    const past = Date.now() - 10 * 60_000;
    await getDb().transaction.create({
      data: {
        id: createId("txn"),
        partnerId: partner.partnerId,
        xid: "old-1",
        phoneNumber: PHONE,
        tokenHash: sha256Hex(randomUUID()),
        issuedAt: new Date(past),
        expiresAt: new Date(past + 80_000),
      },
    });
    const body = await (await api("/api/v1/transactions/old-1", { token: partner.apiToken })).json();
    expect(body).toMatchObject({ xid: "old-1", status: "expired", verified_at: null });
  });
});

describe("verification: POST /api/v1/token/verify", () => {
  it("verifies once, marks the transaction verified, records transaction.verified; a repeat says already verified", async () => {
    const partner = await createPartner();
    const jwt = await issueOk(partner.apiToken, PHONE, "verify-1");
    const first = await verify(partner.apiToken, jwt);
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ valid: true, xid: "verify-1", phone_number: PHONE });
    const second = await (await verify(partner.apiToken, jwt)).json();
    expect(second).toEqual({ valid: true, xid: "verify-1", phone_number: PHONE, already_verified: true });

    const row = await getDb().transaction.findUnique({
      where: { partnerId_xid: { partnerId: partner.partnerId, xid: "verify-1" } },
    });
    expect(row).toMatchObject({ status: "verified", verifiedAt: expect.any(Date) });
    const events = await getDb().event.findMany({
      where: { partnerId: partner.partnerId, type: "transaction.verified" },
    });
    expect(events).toHaveLength(1);
    expect(JSON.parse(itemAt(events, 0, "event").data)).toMatchObject({ xid: "verify-1", phone_number: PHONE });
  });

  it("concurrent verifications of one token: exactly one first verification and one event", async () => {
    const partner = await createPartner();
    const jwt = await issueOk(partner.apiToken, PHONE, "race-1");
    const results = await Promise.all(
      Array.from({ length: 10 }, async () => (await verify(partner.apiToken, jwt)).json()),
    );
    expect(results.every((result) => result.valid === true)).toBe(true);
    expect(results.filter((result) => !result.already_verified)).toHaveLength(1);
    expect(await getDb().event.count({ where: { partnerId: partner.partnerId, type: "transaction.verified" } })).toBe(
      1,
    );
  });

  it("tampered, undecoded-key, wrong-algorithm, malformed and foreign tokens are invalid", async () => {
    const partner = await createPartner();
    const jwt = await issueOk(partner.apiToken, PHONE, "tamper-1");
    const [header, payload, signature] = jwt.split(".");
    if (!signature) throw new Error(`not a three-part JWT: ${jwt}`);
    const forged = Buffer.from(JSON.stringify({ ...decodeJwt(jwt), phn: "+447911123456" })).toString("base64url");
    expect(await (await verify(partner.apiToken, `${header}.${forged}.${signature}`)).json()).toEqual({
      valid: false,
      xid: null,
      phone_number: null,
      reason: "invalid_signature",
    });
    const flipped = `${header}.${payload}.${signature.slice(0, -2)}${signature.endsWith("AA") ? "BB" : "AA"}`;
    expect((await (await verify(partner.apiToken, flipped)).json()).reason).toBe("invalid_signature");

    const { key } = await revealSigningKey(partner.partnerId);
    const claims = decodeJwt(jwt);
    const undecoded = await signWith(new TextEncoder().encode(key), claims);
    expect((await (await verify(partner.apiToken, undecoded)).json()).reason).toBe("invalid_signature");
    const hs512 = await signWith(Buffer.from(key, "base64"), claims, "HS512");
    expect((await (await verify(partner.apiToken, hs512)).json()).valid).toBe(false);
    const none = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString("base64url")}.${payload}.`;
    expect((await (await verify(partner.apiToken, none)).json()).valid).toBe(false);
    expect((await (await verify(partner.apiToken, "abc")).json()).reason).toBe("malformed");

    // Another partner's caller: different key, so the signature does not verify for them.
    const other = await createPartner();
    expect(await (await verify(other.apiToken, jwt)).json()).toMatchObject({
      valid: false,
      reason: "invalid_signature",
    });
    // Still unverified for its owner.
    expect(await (await verify(partner.apiToken, jwt)).json()).toEqual({
      valid: true,
      xid: "tamper-1",
      phone_number: PHONE,
    });
  });

  it("a well-signed token without a stored transaction is unknown_transaction", async () => {
    const partner = await createPartner();
    await issueOk(partner.apiToken);
    const { key } = await revealSigningKey(partner.partnerId);
    const iat = Math.floor(Date.now() / 1000) - 10;
    const jwt = await signWith(Buffer.from(key, "base64"), {
      iss: partner.customerId,
      iat,
      exp: iat + 90,
      phn: PHONE,
      xid: "ghost",
    });
    expect(await (await verify(partner.apiToken, jwt)).json()).toEqual({
      valid: false,
      xid: "ghost",
      phone_number: PHONE,
      reason: "unknown_transaction",
    });
  });

  it("expiry: exp with 5 s leeway", async () => {
    const partner = await createPartner();
    await issueOk(partner.apiToken);
    const { key } = await revealSigningKey(partner.partnerId);
    const now = Math.floor(Date.now() / 1000);
    async function stored(xid: string, exp: number) {
      const jwt = await signWith(Buffer.from(key, "base64"), {
        iss: partner.customerId,
        iat: exp - 90,
        exp,
        phn: PHONE,
        xid,
      });
      await getDb().transaction.create({
        data: {
          id: createId("txn"),
          partnerId: partner.partnerId,
          xid,
          phoneNumber: PHONE,
          tokenHash: sha256Hex(jwt),
          issuedAt: new Date((exp - 80) * 1000),
          expiresAt: new Date(exp * 1000),
        },
      });
      return jwt;
    }
    const expired = await stored("expired-1", now - 30);
    expect(await (await verify(partner.apiToken, expired)).json()).toEqual({
      valid: false,
      xid: null,
      phone_number: null,
      reason: "expired",
    });
    const withinLeeway = await stored("leeway-1", now - 2);
    expect(await (await verify(partner.apiToken, withinLeeway)).json()).toEqual({
      valid: true,
      xid: "leeway-1",
      phone_number: PHONE,
    });
  });

  it("after rotation the previous key verifies for its window, then not; new tokens use the new key", async () => {
    const partner = await createPartner();
    const oldJwt = await issueOk(partner.apiToken, PHONE, "rot-old");
    const before = await revealSigningKey(partner.partnerId);
    const rotated = await rotateSigningKey(partner.partnerId);
    expect(rotated.key).not.toBe(before.key);
    expect(rotated.previousValidUntil.getTime() - Date.now()).toBeGreaterThan(9 * 60_000);
    expect(await (await verify(partner.apiToken, oldJwt)).json()).toEqual({
      valid: true,
      xid: "rot-old",
      phone_number: PHONE,
    });

    const secondOld = await issueOk(partner.apiToken, "+447911123456", "rot-old-2");
    await getDb().partner.update({
      where: { id: partner.partnerId },
      data: { previousSigningKeyValidUntil: new Date(Date.now() - 1000) },
    });
    const result = await (await verify(partner.apiToken, secondOld)).json();
    // Signed with the old key (the server's cached key) → now refused; or already with the new key → valid.
    const signedWithNew = await jwtVerify(secondOld, Buffer.from(rotated.key, "base64")).then(
      () => true,
      () => false,
    );
    expect(result.valid).toBe(signedWithNew);
    if (!signedWithNew) expect(result.reason).toBe("invalid_signature");
  });

  it("bad bodies are 400/415 JSON errors", async () => {
    const partner = await createPartner();
    const missing = await api("/api/v1/token/verify", { token: partner.apiToken, json: {} });
    expect(missing.status).toBe(400);
    expect(await missing.json()).toMatchObject({ error: "invalid_request" });
    const wrongType = await api("/api/v1/token/verify", { token: partner.apiToken, json: { token: 42 } });
    expect(wrongType.status).toBe(400);
    const notJson = await api("/api/v1/token/verify", {
      token: partner.apiToken,
      body: "token=x",
      headers: { "content-type": "text/plain" },
    });
    expect(notJson.status).toBe(415);
    expect((await api("/api/v1/token/verify", { json: { token: "x" } })).status).toBe(401);
  });
});

describe("bench reference route", () => {
  it("is 404 unless PORTICO_BENCH_ROUTES=1", async () => {
    expect((await api("/api/bench/sign")).status).toBe(404);
  });
});
