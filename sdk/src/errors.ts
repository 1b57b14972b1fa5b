// Every error the SDK throws is a PorticoError: `name` says which class, `code` is machine-readable and stable.

export abstract class PorticoError extends Error {
  abstract readonly code: string;
}

export interface ApiErrorIssue {
  path: (string | number)[];
  message: string;
}

/** Portico answered with an error status. `code` is the contract's `error` field (`invalid_request`, `not_found`…). */
export class PorticoApiError extends PorticoError {
  override readonly name = "PorticoApiError";
  readonly code: string;
  readonly status: number;
  /** Field errors of a 400 `invalid_request` (empty otherwise). */
  readonly issues: ApiErrorIssue[];
  /** Portico's request id (`x-request-id`), to quote when asking for help; null when the answer had none. */
  readonly requestId: string | null;
  /** Seconds to wait before retrying, from `Retry-After` (429 and some 503); null when absent. */
  readonly retryAfterSeconds: number | null;
  /** The parsed body as received (JSON), for anything the fields above do not cover. */
  readonly body: unknown;

  constructor(options: {
    status: number;
    code: string;
    message: string;
    issues?: ApiErrorIssue[];
    requestId?: string | null;
    retryAfterSeconds?: number | null;
    body?: unknown;
  }) {
    super(options.message);
    this.status = options.status;
    this.code = options.code;
    this.issues = options.issues ?? [];
    this.requestId = options.requestId ?? null;
    this.retryAfterSeconds = options.retryAfterSeconds ?? null;
    this.body = options.body;
  }
}

/** Portico could not be reached, or did not answer within the timeout. Safe to retry for idempotent calls. */
export class PorticoConnectionError extends PorticoError {
  override readonly name = "PorticoConnectionError";
  readonly code: "connection_failed" | "timeout";

  constructor(code: "connection_failed" | "timeout", message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

/** A webhook delivery failed verification (signature, timestamp, headers or body). */
export class WebhookVerificationError extends PorticoError {
  override readonly name = "WebhookVerificationError";
  readonly code:
    | "missing_headers"
    | "invalid_timestamp"
    | "timestamp_out_of_range"
    | "invalid_signature"
    | "invalid_body";

  constructor(code: WebhookVerificationError["code"], message: string) {
    super(message);
    this.code = code;
  }
}

/** A request body was larger than the handler accepts. */
export class BodyTooLargeError extends PorticoError {
  override readonly name = "BodyTooLargeError";
  readonly code = "payload_too_large";
}
