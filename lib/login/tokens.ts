// One-time login tokens: 256 random bits, URL-safe, only the SHA-256 stored (a leaked table grants nothing).
import { randomBytes } from "node:crypto";
import { sha256Hex } from "@/lib/crypto/hash";

export const LOGIN_TOKEN_TTL_MS = 120_000;

export function generateLoginToken(): string {
  return randomBytes(32).toString("base64url");
}

export function hashLoginToken(token: string): string {
  return sha256Hex(token);
}
