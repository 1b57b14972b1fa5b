// Phone token contract JWTs: HS256 over the base64-DECODED partner key, claims iss/iat/exp/phn/xid in the contract's order.
import { randomUUID, webcrypto } from "node:crypto";
import { errors, jwtVerify, SignJWT } from "jose";

export const TOKEN_LIFETIME_SECONDS = 90;
export const IAT_BACKDATE_SECONDS = 10;
export const VERIFY_LEEWAY_SECONDS = 5;

export interface TokenClaims {
  iss: string;
  iat: number;
  exp: number;
  phn: string;
  xid: string;
}

/** HMAC key for jose from the stored base64 text (decoded: the contract's `b64decode(key)`). Imported once, reused. */
export async function importSigningKey(base64Key: string): Promise<CryptoKey> {
  const bytes = Buffer.from(base64Key, "base64");
  if (bytes.length < 32) throw new Error("signing key must decode to at least 32 bytes");
  return (await webcrypto.subtle.importKey("raw", bytes, { name: "HMAC", hash: "SHA-256" }, false, [
    "sign",
    "verify",
  ])) as CryptoKey;
}

export function buildClaims(options: {
  issuer: string;
  phoneNumber: string;
  xid?: string;
  nowMs?: number;
}): TokenClaims {
  const iat = Math.floor((options.nowMs ?? Date.now()) / 1000) - IAT_BACKDATE_SECONDS;
  return {
    iss: options.issuer,
    iat,
    exp: iat + TOKEN_LIFETIME_SECONDS,
    phn: options.phoneNumber,
    xid: options.xid ?? randomUUID(),
  };
}

export function signClaims(claims: TokenClaims, key: CryptoKey | Uint8Array): Promise<string> {
  return new SignJWT({ ...claims }).setProtectedHeader({ alg: "HS256", typ: "JWT" }).sign(key);
}

export type VerifyFailure = "malformed" | "invalid_signature" | "expired";

/** Verifies with each key in turn (current, then previous). Algorithm pinned to HS256; `exp` with 5 s leeway. */
export async function verifyWithKeys(
  token: string,
  keys: Array<CryptoKey | Uint8Array>,
  nowMs = Date.now(),
): Promise<{ ok: true; claims: TokenClaims } | { ok: false; reason: VerifyFailure }> {
  let reason: VerifyFailure = "invalid_signature";
  for (const key of keys) {
    try {
      const { payload } = await jwtVerify(token, key, {
        algorithms: ["HS256"],
        clockTolerance: VERIFY_LEEWAY_SECONDS,
        currentDate: new Date(nowMs),
        requiredClaims: ["iss", "iat", "exp", "xid", "phn"],
      });
      if (typeof payload.xid !== "string" || typeof payload.phn !== "string" || typeof payload.iss !== "string") {
        return { ok: false, reason: "malformed" };
      }
      return { ok: true, claims: payload as unknown as TokenClaims };
    } catch (error) {
      if (error instanceof errors.JWTExpired) return { ok: false, reason: "expired" };
      if (error instanceof errors.JWSSignatureVerificationFailed) continue;
      if (
        error instanceof errors.JWSInvalid ||
        error instanceof errors.JWTInvalid ||
        error instanceof errors.JWTClaimValidationFailed
      ) {
        reason = "malformed";
        break;
      }
      if (error instanceof errors.JOSEAlgNotAllowed || error instanceof errors.JOSENotSupported) {
        reason = "invalid_signature";
        break;
      }
      throw error;
    }
  }
  return { ok: false, reason };
}
