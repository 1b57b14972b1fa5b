// The one error class. Domain code throws AppError with a code; each entry wrapper (API route, server action, page)
// maps it to its own output through STATUS_BY_CODE. Anything else is a bug: a generic 500, logged with a request id.
import { randomUUID } from "node:crypto";
import { ZodError } from "zod";
import { isDatabaseUnavailable } from "@/lib/db/errors";
import { getLogger } from "@/lib/ops/logger";

const STATUS_BY_CODE = {
  invalid_request: 400,
  invalid_json: 400,
  unauthorized: 401,
  forbidden: 403,
  partner_pending: 403,
  not_certified: 403,
  not_found: 404,
  conflict: 409,
  gone: 410,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  partner_unreachable: 502,
  service_unavailable: 503,
  internal_error: 500,
} as const;

export type ErrorCode = keyof typeof STATUS_BY_CODE;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly headers: Record<string, string>;
  readonly details?: unknown;

  constructor(code: ErrorCode, message: string, options: { headers?: Record<string, string>; details?: unknown } = {}) {
    super(message);
    this.code = code;
    this.headers = options.headers ?? {};
    this.details = options.details;
  }

  get status(): number {
    return STATUS_BY_CODE[this.code];
  }
}

export const INTERNAL_ERROR_MESSAGE = "Something went wrong on our side.";

export function describeZodError(error: ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length ? issue.path.join(".") : "body"}: ${issue.message}`)
    .join("; ");
}

/** A lost or unreachable database connection as the retryable 503 it is (the pool reconnects on the next query). */
export function toUnavailableError(error: unknown): AppError | undefined {
  if (!isDatabaseUnavailable(error)) return undefined;
  return new AppError("service_unavailable", "The database is unreachable for a moment; retry in a few seconds.", {
    headers: { "Retry-After": "2" },
  });
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,100}$/;

/**
 * The request id a proxy or caller assigned (X-Request-Id), or a fresh one so the log line can still be found. Only a
 * plain short token is kept: it is echoed in a response header and written to the logs.
 */
export function getRequestId(headers?: Headers): string {
  const given = headers?.get("x-request-id")?.trim();
  return given && REQUEST_ID.test(given) ? given : randomUUID();
}

/** Logs an error no wrapper expected; the caller answers with a generic 500 and never shows the error itself. */
export function logUnexpectedError(error: unknown, options: { requestId?: string; where?: string } = {}): void {
  getLogger().error(
    { err: error, where: options.where, request_id: options.requestId },
    `unhandled error${options.where ? ` in ${options.where}` : ""}`,
  );
}

/** The contract's `{error, message}` JSON for any thrown value. */
export function toErrorResponse(error: unknown, options: { requestId?: string } = {}): Response {
  if (error instanceof ZodError) {
    return Response.json(
      {
        error: "invalid_request",
        message: describeZodError(error),
        issues: error.issues.map(({ path, message }) => ({ path, message })),
      },
      { status: 400 },
    );
  }
  const unavailable = toUnavailableError(error);
  if (unavailable) {
    console.error("portico: database unavailable", (error as Error)?.message);
    return toErrorResponse(unavailable);
  }
  if (error instanceof AppError) {
    const body: Record<string, unknown> = { error: error.code, message: error.message };
    if (error.details !== undefined) body.details = error.details;
    return Response.json(body, { status: error.status, headers: error.headers });
  }
  logUnexpectedError(error, { requestId: options.requestId });
  return Response.json({ error: "internal_error", message: INTERNAL_ERROR_MESSAGE }, { status: 500 });
}
