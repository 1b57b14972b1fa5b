// One-time login redemption as a discriminated result: the refusals a user can cause have a reason.
import type { PorticoApiError } from "../errors.js";

export type RedemptionFailureReason = "unknown" | "already_used" | "expired" | "forbidden";

export type RedemptionResult =
  | { ok: true; email: string; sessionExpiresAt: Date }
  | { ok: false; reason: RedemptionFailureReason; message: string };

/**
 * Maps Portico's redemption refusal (`{success: false, message}`, status 403/404/410) to a reason; null for anything
 * else (401 bad API token, 5xx…), which the caller throws. A `reason` field in the body wins when Portico sends one;
 * otherwise 410 is told apart by its message ("already been used" vs "expired").
 */
export function toRedemptionFailure(error: PorticoApiError): Extract<RedemptionResult, { ok: false }> | null {
  const body = typeof error.body === "object" && error.body !== null ? (error.body as Record<string, unknown>) : {};
  const given = body.reason;
  if (given === "unknown" || given === "already_used" || given === "expired" || given === "forbidden") {
    return { ok: false, reason: given, message: error.message };
  }
  if (error.status === 404) return { ok: false, reason: "unknown", message: error.message };
  if (error.status === 403) return { ok: false, reason: "forbidden", message: error.message };
  if (error.status === 410) {
    return { ok: false, reason: /used/i.test(error.message) ? "already_used" : "expired", message: error.message };
  }
  return null;
}
