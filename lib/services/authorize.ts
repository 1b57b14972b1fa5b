// the service authorization contract's /authorize wire format, from both ends: Portico signs its own answer and verifies partners' answers.
// signature = base64(HMAC-SHA256(key = service_secret, msg = service_id + String(timestamp))).
import { createHmac } from "node:crypto";
import { getConfig } from "@/lib/config";
import { safeEqual } from "@/lib/crypto/hash";

/** Answers older or newer than this (against Portico's clock) are stale: a replayed answer proves nothing. */
export const AUTHORIZE_MAX_SKEW_SECONDS = 300;
export const AUTHORIZE_MAX_VERSION_LENGTH = 200;

export interface AuthorizeAnswer {
  timestamp: number;
  service_signature: string;
  version: string;
}

export function signServiceTimestamp(options: { serviceId: string; secret: string; timestamp: number }): string {
  return createHmac("sha256", options.secret)
    .update(`${options.serviceId}${String(options.timestamp)}`)
    .digest("base64");
}

/** The version Portico reports: the git commit it was built from (next.config.mjs), else the package version. */
export function readPorticoVersion(): string {
  return getConfig().buildVersion;
}

/** Portico's own /authorize answer, so an upstream platform can monitor Portico like any partner service. */
export function buildPorticoAuthorizeAnswer(now: Date = new Date()): AuthorizeAnswer {
  const config = getConfig();
  const timestamp = Math.floor(now.getTime() / 1000);
  return {
    timestamp,
    service_signature: signServiceTimestamp({
      serviceId: config.porticoServiceId,
      secret: config.porticoServiceSecret,
      timestamp,
    }),
    version: readPorticoVersion(),
  };
}

export type AnswerVerdict = { ok: true; version: string } | { ok: false; error: string };

/**
 * Judges a parsed /authorize body. Every failure here means the service answered but could not prove who it is
 * (unauthentic), as opposed to not answering (down).
 */
export function verifyAuthorizeAnswer(
  body: unknown,
  options: { serviceId: string; secret: string; now: Date },
): AnswerVerdict {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    return { ok: false, error: "answer is not a JSON object" };
  }
  const { timestamp, service_signature: signature, version } = body as Record<string, unknown>;
  if (timestamp === undefined) return { ok: false, error: "missing field: timestamp" };
  if (signature === undefined) return { ok: false, error: "missing field: service_signature" };
  if (version === undefined) return { ok: false, error: "missing field: version" };
  if (typeof timestamp !== "number" || !Number.isSafeInteger(timestamp)) {
    return { ok: false, error: "timestamp must be an integer number of Unix seconds" };
  }
  if (typeof signature !== "string" || signature.length === 0) {
    return { ok: false, error: "service_signature must be a non-empty string" };
  }
  if (typeof version !== "string" || version.length === 0 || version.length > AUTHORIZE_MAX_VERSION_LENGTH) {
    return {
      ok: false,
      error: `version must be a non-empty string of at most ${AUTHORIZE_MAX_VERSION_LENGTH} characters`,
    };
  }
  const skew = Math.round(timestamp - options.now.getTime() / 1000);
  if (Math.abs(skew) > AUTHORIZE_MAX_SKEW_SECONDS) {
    return {
      ok: false,
      error: `stale timestamp: ${Math.abs(skew)} s ${skew < 0 ? "behind" : "ahead of"} Portico's clock (allowed ±${AUTHORIZE_MAX_SKEW_SECONDS} s)`,
    };
  }
  const expected = signServiceTimestamp({ serviceId: options.serviceId, secret: options.secret, timestamp });
  if (!safeEqual(signature, expected))
    return { ok: false, error: "service_signature does not match the service secret" };
  return { ok: true, version };
}
