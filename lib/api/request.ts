import type { z } from "zod";
import { getConfig } from "@/lib/config";
import { AppError } from "@/lib/errors";
import { assertWellFormedJson, mayHoldMalformedText } from "./well-formed";

export const DEFAULT_MAX_BODY_BYTES = 64 * 1024;

/**
 * Reads a JSON body with a size cap and parses it with a zod schema; strings holding NUL or unpaired surrogates are
 * refused before the schema sees them. Every failure is a 4xx AppError.
 */
export async function readJson<T extends z.ZodType>(
  request: Request,
  schema: T,
  options: { maxBytes?: number } = {},
): Promise<z.infer<T>> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BODY_BYTES;
  const contentType = request.headers.get("content-type") ?? "";
  if (!/^application\/([\w.+-]+\+)?json\b/i.test(contentType)) {
    throw new AppError("unsupported_media_type", "Send the body as JSON with Content-Type: application/json.");
  }
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > maxBytes) throw new AppError("payload_too_large", `The body must be at most ${maxBytes} bytes.`);
  const text = await readTextCapped(request, maxBytes);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new AppError("invalid_json", "The body is not valid JSON.");
  }
  if (mayHoldMalformedText(text)) assertWellFormedJson(value);
  return schema.parse(value);
}

/** For routes whose body is optional (e.g. a reason): no body at all parses as `{}`, anything else as readJson. */
export async function readOptionalJson<T extends z.ZodType>(request: Request, schema: T): Promise<z.infer<T>> {
  const empty = !request.headers.get("content-type") && !Number(request.headers.get("content-length") ?? "0");
  return empty ? schema.parse({}) : readJson(request, schema);
}

async function readTextCapped(request: Request, maxBytes: number): Promise<string> {
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw new AppError("payload_too_large", `The body must be at most ${maxBytes} bytes.`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/**
 * Set on every incoming request from its socket's peer address, replacing whatever the client sent under that name
 * (lib/api/peer-address.ts, installed at start-up): the one client address nobody can forge.
 */
export const PEER_ADDRESS_HEADER = "x-portico-peer-address";

/**
 * The client's address for per-IP limits. `trustedHops` = PORTICO_TRUSTED_PROXY_HOPS:
 * - 0 (default, no proxy in front): the socket's peer address; X-Forwarded-For is ignored (anyone can write it).
 * - N ≥ 1 (N reverse proxies in front): each proxy appends the peer it saw to X-Forwarded-For, and `next start` adds
 *   the socket's peer when the header is absent, so the entry N from the right is the one a trusted party wrote;
 *   everything left of it is whatever the client sent.
 */
export function getClientIp(headers: Headers, trustedHops = getConfig().trustedProxyHops): string {
  if (trustedHops === 0) return headers.get(PEER_ADDRESS_HEADER) || "unknown";
  const hops = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((hop) => hop.trim())
    .filter(Boolean);
  // Fewer entries than trusted hops: the closest one we have is the best guess, never an attacker's extra entries.
  return hops.at(-Math.min(trustedHops, hops.length)) ?? "unknown";
}

export function getBearerToken(headers: Headers): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(headers.get("authorization") ?? "");
  return match?.[1] ?? null;
}
