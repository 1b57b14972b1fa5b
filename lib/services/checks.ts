// Service authorization contract checks: call a service's /authorize, judge the answer, and record the outcome with everything it changes
// (status, version, history, daily aggregate, outbox events) in one transaction.
import { z } from "zod";
import { decryptSecret } from "@/lib/crypto/encryption";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { fetchOutbound, OutboundError } from "@/lib/http/outbound";
import { verifyAuthorizeAnswer } from "./authorize";
import { recordChecks } from "./check-recorder";
import { type CheckOutcome, type CheckOutput, type CheckResult, toCheckOutput } from "./check-state";

export const CHECK_TIMEOUT_MS = 5000;
export const CHECK_MAX_BODY_BYTES = 64 * 1024;

export type { CheckOutcome, CheckOutput, CheckResult } from "./check-state";
export { decideServiceState } from "./check-state";

/** The contract requires /authorize on the service's own domain: the URL's scheme, host and port, nothing else. */
export function buildAuthorizeUrl(serviceUrl: string): string {
  return `${new URL(serviceUrl).origin}/authorize`;
}

function describeOutboundFailure(error: unknown): string {
  if (!(error instanceof OutboundError)) return `no answer: ${(error as Error)?.message ?? String(error)}`;
  switch (error.code) {
    case "timeout":
      return `timeout: ${error.message}`;
    case "too_large":
      return `answer too large: ${error.message}`;
    case "blocked_target":
      return `blocked target: ${error.message}`;
    case "invalid_url":
      return `invalid URL: ${error.message}`;
    case "redirect_blocked":
      return `redirect refused: ${error.message}`;
    default:
      return `no answer: ${error.message}`;
  }
}

function describeRedirect(status: number, location: string | null, from: URL): string {
  if (!location) return `HTTP ${status} redirect without a Location header`;
  const target = URL.canParse(location, from) ? new URL(location, from) : null;
  if (target && target.origin !== from.origin)
    return `redirect to another host refused: HTTP ${status} to ${target.origin}`;
  // Even on the same host the contract asks for the answer at /authorize itself; following would hide a misconfiguration.
  return `redirect not followed: HTTP ${status} to ${target?.pathname ?? location}`;
}

/** Calls GET <origin>/authorize once and judges the answer. Never throws: every failure is an outcome. */
export async function probeService(options: { url: string; serviceId: string; secret: string }): Promise<CheckResult> {
  const checkedAt = new Date();
  const result = (outcome: CheckOutcome, fields: Partial<CheckResult>): CheckResult => ({
    checkedAt,
    outcome,
    httpStatus: null,
    latencyMs: null,
    version: null,
    error: null,
    ...fields,
  });
  let target: string;
  try {
    target = buildAuthorizeUrl(options.url);
  } catch {
    return result("down", { error: "invalid URL: the service URL cannot be parsed" });
  }
  const started = performance.now();
  let response: Awaited<ReturnType<typeof fetchOutbound>>;
  try {
    response = await fetchOutbound({
      url: target,
      headers: { accept: "application/json" },
      timeoutMs: CHECK_TIMEOUT_MS,
      maxResponseBytes: CHECK_MAX_BODY_BYTES,
      followRedirects: 0,
    });
  } catch (error) {
    return result("down", {
      latencyMs: Math.round(performance.now() - started),
      error: describeOutboundFailure(error),
    });
  }
  const answered = { httpStatus: response.status, latencyMs: response.latencyMs };
  if (response.status >= 300 && response.status < 400) {
    return result("down", {
      ...answered,
      error: describeRedirect(response.status, response.headers.get("location"), new URL(target)),
    });
  }
  if (response.status < 200 || response.status >= 300)
    return result("down", { ...answered, error: `HTTP ${response.status}` });
  let body: unknown;
  try {
    body = JSON.parse(response.body);
  } catch {
    return result("down", { ...answered, error: "answer is not JSON" });
  }
  const verdict = verifyAuthorizeAnswer(body, {
    serviceId: options.serviceId,
    secret: options.secret,
    now: new Date(),
  });
  if (!verdict.ok) return result("unauthentic", { ...answered, error: verdict.error });
  return result("live", { ...answered, version: verdict.version });
}

/** `POST /api/v1/services/{id}/check`: one check now, outside the schedule (the next scheduled check is unchanged). */
export async function runCheckNow(options: { partnerId: string; id: string }): Promise<CheckOutput> {
  const service = await getDb().service.findFirst({
    where: { id: options.id, partnerId: options.partnerId },
    select: { id: true, serviceId: true, url: true, secretCiphertext: true },
  });
  if (!service) throw new AppError("not_found", `No service with id ${options.id}.`);
  const result = await probeService({
    url: service.url,
    serviceId: service.serviceId,
    secret: decryptSecret(service.secretCiphertext),
  });
  const [check] = await recordChecks([{ id: service.id, result }]);
  if (!check) throw new AppError("not_found", `No service with id ${options.id}.`);
  return check;
}

// Cursor = base64url("<checkedAt ISO>|<check id>"): stable under inserts, unlike an offset.
function encodeCursor(row: { checkedAt: Date; id: string }): string {
  return Buffer.from(`${row.checkedAt.toISOString()}|${row.id}`).toString("base64url");
}

function decodeCursor(cursor: string): { checkedAt: Date; id: string } {
  const [iso, id] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  const checkedAt = new Date(iso ?? "");
  if (!id || Number.isNaN(checkedAt.getTime()))
    throw new AppError("invalid_request", "cursor: is not a cursor this API returned");
  return { checkedAt, id };
}

/** Newest first, keyset-paginated. */
export async function listChecks(options: { partnerId: string; id: string; limit: number; cursor?: string }) {
  const owned = await getDb().service.findFirst({
    where: { id: options.id, partnerId: options.partnerId },
    select: { id: true },
  });
  if (!owned) throw new AppError("not_found", `No service with id ${options.id}.`);
  const after = options.cursor ? decodeCursor(options.cursor) : undefined;
  const rows = await getDb().serviceCheck.findMany({
    where: {
      serviceId: options.id,
      // `checkedAt <= t` bounds the index range; the OR breaks ties on id.
      ...(after
        ? {
            checkedAt: { lte: after.checkedAt },
            OR: [{ checkedAt: { lt: after.checkedAt } }, { checkedAt: after.checkedAt, id: { lt: after.id } }],
          }
        : {}),
    },
    orderBy: [{ checkedAt: "desc" }, { id: "desc" }],
    take: options.limit + 1,
  });
  const page = rows.slice(0, options.limit);
  const last = page.at(-1);
  return {
    data: page.map(toCheckOutput),
    next_cursor: rows.length > options.limit && last ? encodeCursor(last) : null,
  };
}

export const listChecksQuerySchema = z.object({
  limit: z.coerce
    .number()
    .int("must be a whole number")
    .min(1, "must be at least 1")
    .max(200, "must be at most 200")
    .default(50),
  cursor: z.string().min(1).max(200).optional(),
});
