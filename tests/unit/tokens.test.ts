import { decodeJwt, jwtVerify } from "jose";
import { describe, expect, it } from "vitest";
import { buildClaims, importSigningKey, signClaims, verifyWithKeys } from "@/lib/tokens/jwt";
import {
  issueTokenParamsSchema,
  normalisePhoneNumber,
  transactionFiltersSchema,
  xidSchema,
} from "@/lib/tokens/schemas";
import { addDays, dayOf, startOfDay } from "@/lib/tokens/time-zone";
import { csvCell, decodeCursor, encodeCursor, statusOf } from "@/lib/tokens/transactions";

const KEY = Buffer.alloc(32, 9).toString("base64");

describe("phone numbers and XIDs", () => {
  it.each([
    ["+14155552671", "+14155552671"],
    ["14155552671", "+14155552671"],
    ["+1 (415) 555-2671", "+14155552671"],
    ["+44 7911 123456", "+447911123456"],
    ["33612345678", "+33612345678"],
  ])("%s → %s", (raw, e164) => expect(normalisePhoneNumber(raw)).toBe(e164));

  it.each(["", "12", "+1000", "phone", "+1415555267１", "+14155552671; drop", "+".repeat(40)])("rejects %j", (raw) => {
    expect(normalisePhoneNumber(raw)).toBeNull();
  });

  it("XIDs: 1–64 of [A-Za-z0-9._-]", () => {
    expect(xidSchema.safeParse("a").success).toBe(true);
    expect(xidSchema.safeParse("A-z_0.9").success).toBe(true);
    expect(xidSchema.safeParse("x".repeat(64)).success).toBe(true);
    for (const bad of ["", "x".repeat(65), "a b", "a/b", "é", "a%20"])
      expect(xidSchema.safeParse(bad).success).toBe(false);
  });

  it("issue params parse to E.164", () => {
    expect(issueTokenParamsSchema.parse({ phone_number: "14155552671", xid: "x1" })).toEqual({
      phone_number: "+14155552671",
      xid: "x1",
    });
    expect(issueTokenParamsSchema.safeParse({ phone_number: "nope" }).success).toBe(false);
  });

  it("panel filters treat empty strings as absent and reject bad dates and statuses", () => {
    expect(transactionFiltersSchema.parse({ q: " ", status: "", from: "", to: "" })).toEqual({});
    expect(transactionFiltersSchema.safeParse({ status: "pending" }).success).toBe(false);
    expect(transactionFiltersSchema.safeParse({ from: "2026-13-45" }).success).toBe(false);
  });
});

describe("issued JWT", () => {
  it("claims: iat = now − 10, exp = iat + 90, UUID v4 XID when none given", () => {
    const claims = buildClaims({ issuer: "CUST", phoneNumber: "+14155552671", nowMs: 1_700_000_000_999 });
    expect(claims).toMatchObject({ iss: "CUST", iat: 1_699_999_990, exp: 1_700_000_080, phn: "+14155552671" });
    expect(claims.xid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(Object.keys(claims)).toEqual(["iss", "iat", "exp", "phn", "xid"]);
  });

  it("signs with the base64-decoded key; the undecoded text does not verify", async () => {
    const key = await importSigningKey(KEY);
    const jwt = await signClaims(buildClaims({ issuer: "CUST", phoneNumber: "+14155552671", xid: "x" }), key);
    expect(decodeJwt(jwt).xid).toBe("x");
    await expect(jwtVerify(jwt, Buffer.from(KEY, "base64"))).resolves.toBeTruthy();
    await expect(jwtVerify(jwt, new TextEncoder().encode(KEY))).rejects.toThrow();
    const undecoded = await signClaims(
      buildClaims({ issuer: "CUST", phoneNumber: "+1", xid: "x" }),
      new TextEncoder().encode(KEY),
    );
    expect(await verifyWithKeys(undecoded, [key])).toEqual({ ok: false, reason: "invalid_signature" });
  });

  it("verify: current or previous key, 5 s leeway on exp, malformed input", async () => {
    const current = await importSigningKey(Buffer.alloc(32, 1).toString("base64"));
    const previous = await importSigningKey(Buffer.alloc(32, 2).toString("base64"));
    const now = Date.now();
    const jwt = await signClaims(buildClaims({ issuer: "C", phoneNumber: "+1", xid: "x", nowMs: now }), previous);
    expect((await verifyWithKeys(jwt, [current, previous], now)).ok).toBe(true);
    expect(await verifyWithKeys(jwt, [current], now)).toEqual({ ok: false, reason: "invalid_signature" });
    // exp = iat + 90 = now + 80 s.
    expect((await verifyWithKeys(jwt, [previous], now + 84_000)).ok).toBe(true);
    expect(await verifyWithKeys(jwt, [previous], now + 86_000)).toEqual({ ok: false, reason: "expired" });
    expect(await verifyWithKeys("a.b", [current], now)).toEqual({ ok: false, reason: "malformed" });
    expect(await verifyWithKeys("not a jwt", [current], now)).toEqual({ ok: false, reason: "malformed" });
  });

  it("a key must decode to 32 bytes or more", async () => {
    await expect(importSigningKey("c2hvcnQ=")).rejects.toThrow();
  });
});

describe("history helpers", () => {
  it("status derives expired from expires_at", () => {
    const now = Date.now();
    expect(statusOf({ status: "issued", expiresAt: new Date(now + 1000) }, now)).toBe("issued");
    expect(statusOf({ status: "issued", expiresAt: new Date(now) }, now)).toBe("expired");
    expect(statusOf({ status: "verified", expiresAt: new Date(now - 1000) }, now)).toBe("verified");
  });

  it("cursors round-trip and reject junk", () => {
    const row = { issuedAt: new Date("2026-01-02T03:04:05.678Z"), id: "txn_abc" };
    expect(decodeCursor(encodeCursor(row))).toEqual(row);
    expect(decodeCursor("junk")).toBeNull();
    expect(decodeCursor(Buffer.from('["x",1]').toString("base64url"))).toBeNull();
  });

  it("CSV cells: quoting and formula guard (E.164 numbers stay as they are)", () => {
    expect(csvCell(null)).toBe("");
    expect(csvCell("plain")).toBe("plain");
    expect(csvCell('a,"b"')).toBe('"a,""b"""');
    expect(csvCell("-1+2")).toBe("'-1+2");
    expect(csvCell("=cmd")).toBe("'=cmd");
    expect(csvCell("+14155552671")).toBe("+14155552671");
  });

  it("day boundaries in the partner's zone, across DST", () => {
    expect(startOfDay("2026-01-15", "UTC").toISOString()).toBe("2026-01-15T00:00:00.000Z");
    expect(startOfDay("2026-01-15", "Europe/Paris").toISOString()).toBe("2026-01-14T23:00:00.000Z");
    expect(startOfDay("2026-07-15", "Europe/Paris").toISOString()).toBe("2026-07-14T22:00:00.000Z");
    expect(startOfDay("2026-03-29", "Europe/Paris").toISOString()).toBe("2026-03-28T23:00:00.000Z");
    expect(startOfDay("2026-03-30", "Europe/Paris").toISOString()).toBe("2026-03-29T22:00:00.000Z");
    expect(startOfDay("2026-01-15", "Asia/Kolkata").toISOString()).toBe("2026-01-14T18:30:00.000Z");
    expect(dayOf(new Date("2026-01-14T23:30:00Z"), "Europe/Paris")).toBe("2026-01-15");
    expect(addDays("2026-02-28", 1)).toBe("2026-03-01");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
  });
});
