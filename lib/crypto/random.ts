import { randomBytes, randomInt } from "node:crypto";

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** Uniform random base62 string (rejection-free: randomInt is unbiased). */
export function randomBase62(length: number): string {
  let out = "";
  for (let i = 0; i < length; i++) out += BASE62[randomInt(62)];
  return out;
}

/** Fixed-width base62 encoding of an unsigned 32-bit integer. */
export function toBase62(value: number, width: number): string {
  let rest = value >>> 0;
  let out = "";
  for (let i = 0; i < width; i++) {
    out = BASE62[rest % 62] + out;
    rest = Math.floor(rest / 62);
  }
  return out;
}

/** Stripe-style prefixed identifier, e.g. `svc_3kF9...`. */
export function createId(
  prefix:
    | "usr"
    | "ptn"
    | "tok"
    | "svc"
    | "evt"
    | "chk"
    | "whe"
    | "dlv"
    | "txn"
    | "ent"
    | "lgn"
    | "cbl"
    | "inv"
    | "aud"
    | "mail",
): string {
  return `${prefix}_${randomBase62(20)}`;
}

export function randomSecret(bytes = 32): string {
  return randomBytes(bytes).toString("base64url");
}
