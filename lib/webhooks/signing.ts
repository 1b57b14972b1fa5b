// Standard Webhooks signing (https://www.standardwebhooks.com): secret `whsec_<base64 key>`, signature
// `v1,<base64 HMAC-SHA256(key, "<webhook-id>.<webhook-timestamp>.<body>")>`, several separated by spaces.
import { createHmac, randomBytes } from "node:crypto";

export const SECRET_PREFIX = "whsec_";

/** 32 random bytes: the spec asks for 24 to 64. */
export function generateSigningSecret(): string {
  return `${SECRET_PREFIX}${randomBytes(32).toString("base64")}`;
}

export function signMessage(secret: string, id: string, timestamp: number, body: string): string {
  const key = Buffer.from(secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret, "base64");
  return `v1,${createHmac("sha256", key).update(`${id}.${timestamp}.${body}`).digest("base64")}`;
}

/** During a rotation's overlap both secrets sign, so receivers on either secret keep verifying. */
export function buildSignatureHeader(secrets: string[], id: string, timestamp: number, body: string): string {
  return secrets.map((secret) => signMessage(secret, id, timestamp, body)).join(" ");
}
