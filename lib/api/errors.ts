// One error class for the whole app; route wrappers turn it into the contract's `{error, message}` JSON.
import { ZodError } from "zod";
import { isDatabaseUnavailable } from "@/lib/db/errors";

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

export function toErrorResponse(error: unknown): Response {
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
  console.error("portico: unhandled error", error);
  return Response.json({ error: "internal_error", message: "Something went wrong on our side." }, { status: 500 });
}
