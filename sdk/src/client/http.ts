// The typed request core of the Portico client: every path and method of the OpenAPI document (generated into
// ../generated/openapi.ts) with its parameters, body and success body, plus retries and one error model.
import { randomUUID } from "node:crypto";
import { type ApiErrorIssue, PorticoApiError, PorticoConnectionError } from "../errors.js";
import type { paths } from "../generated/openapi.js";

export type HttpMethod = "get" | "post" | "put" | "patch" | "delete";
export type ApiPath = keyof paths;
/** The methods a path has (the generator writes absent ones as `?: never`). */
export type MethodOf<P extends ApiPath> = {
  [M in HttpMethod]: undefined extends paths[P][M] ? never : M;
}[HttpMethod];
export type Operation<P extends ApiPath, M extends MethodOf<P>> = NonNullable<paths[P][M]>;

type ParametersOf<Op> = Op extends { parameters: infer Parameters } ? Parameters : never;
type PathParams<Op> = ParametersOf<Op> extends { path: infer Path } ? Path : undefined;
type QueryParams<Op> = ParametersOf<Op> extends { query?: infer Query } ? Query : undefined;
type HeaderParams<Op> = ParametersOf<Op> extends { header: infer Header } ? Header : undefined;
type RequestBodyOf<Op> = Op extends { requestBody?: unknown } ? NonNullable<Op["requestBody"]> : undefined;
type JsonBodyOf<Op> = RequestBodyOf<Op> extends { content: { "application/json": infer Json } } ? Json : undefined;
type SuccessStatus = 200 | 201 | 202 | 204;
type ContentOf<Response> = Response extends { content: infer Content }
  ? Content extends { "application/json": infer Json }
    ? Json
    : Content extends { "text/plain": infer Text }
      ? Text
      : undefined
  : undefined;
/** The body of the operation's success answer (undefined for 204). */
export type SuccessBody<Op> = Op extends { responses: infer Responses }
  ? { [Status in keyof Responses & SuccessStatus]: ContentOf<Responses[Status]> }[keyof Responses & SuccessStatus]
  : never;

/** Present and required when the operation needs it, optional when it may take it, absent when it takes none. */
type Part<Value, Present, Absent> = [Value] extends [undefined] | [never]
  ? Absent
  : undefined extends Value
    ? Partial<Present>
    : Present;

export type RequestOptions<Op> = Part<PathParams<Op>, { path: PathParams<Op> }, { path?: never }> &
  Part<QueryParams<Op>, { query: QueryParams<Op> }, { query?: never }> &
  Part<HeaderParams<Op>, { headers: HeaderParams<Op> }, { headers?: never }> &
  Part<JsonBodyOf<Op>, { body: JsonBodyOf<Op> }, { body?: never }> & {
    /** Abort this call (the SDK also applies its own per-attempt timeout). */
    signal?: AbortSignal;
    /** Override the idempotency the method implies (GET, PUT, DELETE are idempotent; POST, PATCH are not). */
    idempotent?: boolean;
    /** Send no API token (e.g. certify, which devices call with their own access token in `headers`). */
    anonymous?: boolean;
  };

export interface RetryOptions {
  /** Further attempts after the first (default 2). */
  maxRetries?: number;
  /** First back-off delay in ms (default 500), doubled each attempt, with full jitter. */
  baseDelayMs?: number;
  /** The longest wait the client accepts, from back-off or `Retry-After` (default 30 000 ms); longer = no retry. */
  maxDelayMs?: number;
}

export interface HttpClientOptions {
  /** Portico's origin, e.g. `https://portico.example` (a path prefix is kept). */
  baseUrl: string;
  /** An API token (`ptk_…`) from the panel or `POST /api/v1/api-tokens`. Keep it server-side. */
  apiToken?: string;
  /** Per-attempt timeout in ms (default 30 000). */
  timeoutMs?: number;
  retry?: RetryOptions;
  /** Another fetch (tests, proxies, instrumentation). */
  fetch?: typeof fetch;
  /** Added to every request, e.g. a `user-agent` suffix. */
  headers?: Record<string, string>;
  /** Called before each retry; for logging. */
  onRetry?: (info: { attempt: number; delayMs: number; method: string; url: string; reason: string }) => void;
}

// Portico answers errors `{error, message, issues?}`, except the one-time login redemption route (`{success:false, message}`):
// its codes are derived from the status.
const CODE_BY_STATUS: Record<number, string> = {
  400: "invalid_request",
  401: "unauthorized",
  403: "forbidden",
  404: "not_found",
  409: "conflict",
  410: "gone",
  413: "payload_too_large",
  415: "unsupported_media_type",
  429: "rate_limited",
  500: "internal_error",
  502: "partner_unreachable",
  503: "unavailable",
};

const IDEMPOTENT_METHODS = new Set<HttpMethod>(["get", "put", "delete"]);

export function parseRetryAfter(value: string | null, now = Date.now()): number | null {
  if (!value) return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - now) / 1000));
}

function readRequestId(headers: Headers, body: unknown): string | null {
  const fromHeader = headers.get("x-request-id") ?? headers.get("request-id");
  if (fromHeader) return fromHeader;
  const record = typeof body === "object" && body !== null ? (body as Record<string, unknown>) : {};
  return typeof record.request_id === "string" ? record.request_id : null;
}

function readIssues(value: unknown): ApiErrorIssue[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((issue) => {
    if (typeof issue !== "object" || issue === null) return [];
    const { path, message } = issue as { path?: unknown; message?: unknown };
    return [
      {
        path: Array.isArray(path) ? path.filter((part) => typeof part === "string" || typeof part === "number") : [],
        message: typeof message === "string" ? message : String(message),
      },
    ];
  });
}

async function readBody(response: Response): Promise<unknown> {
  if (response.status === 204 || response.status === 205) return undefined;
  const text = await response.text();
  if (text === "") return undefined;
  const type = response.headers.get("content-type") ?? "";
  if (!type.includes("json")) return text;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export function toApiError(response: Response, body: unknown, sentRequestId: string | null = null): PorticoApiError {
  const record = typeof body === "object" && body !== null ? (body as Record<string, unknown>) : {};
  const code =
    typeof record.error === "string" ? record.error : (CODE_BY_STATUS[response.status] ?? `http_${response.status}`);
  const message =
    typeof record.message === "string"
      ? record.message
      : `Portico answered HTTP ${response.status}${typeof body === "string" && body ? `: ${body.slice(0, 200)}` : ""}.`;
  return new PorticoApiError({
    status: response.status,
    code,
    message,
    issues: readIssues(record.issues),
    requestId: readRequestId(response.headers, body) ?? sentRequestId,
    retryAfterSeconds: parseRetryAfter(response.headers.get("retry-after")),
    body,
  });
}

function delay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

export interface RawResponse<Body> {
  status: number;
  headers: Headers;
  body: Body;
}

export function createHttpClient(options: HttpClientOptions) {
  const base = new URL(options.baseUrl.endsWith("/") ? options.baseUrl : `${options.baseUrl}/`);
  if (base.protocol !== "http:" && base.protocol !== "https:") throw new TypeError("baseUrl must be http(s).");
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const maxRetries = options.retry?.maxRetries ?? 2;
  const baseDelayMs = options.retry?.baseDelayMs ?? 500;
  const maxDelayMs = options.retry?.maxDelayMs ?? 30_000;

  function buildUrl(path: string, params: Record<string, unknown> | undefined, query: object | undefined): URL {
    const filled = path.replace(/\{([^}]+)\}/g, (_, name: string) => {
      const value = params?.[name];
      if (value === undefined || value === null || value === "") throw new TypeError(`Missing path parameter ${name}.`);
      return encodeURIComponent(String(value));
    });
    const url = new URL(filled.replace(/^\//, ""), base);
    for (const [key, value] of Object.entries(query ?? {})) {
      if (value !== undefined && value !== null) url.searchParams.set(key, String(value));
    }
    return url;
  }

  /** One call with retries; answers the raw status, headers and parsed body, or throws a PorticoError. */
  async function send<Body>(
    method: HttpMethod,
    path: string,
    request: {
      path?: Record<string, unknown>;
      query?: object;
      headers?: object;
      body?: unknown;
      signal?: AbortSignal;
      idempotent?: boolean;
      anonymous?: boolean;
    } = {},
  ): Promise<RawResponse<Body>> {
    const url = buildUrl(path, request.path, request.query);
    // One id per call (all its attempts): Portico logs it with any failure, and PorticoApiError carries it.
    const headers: Record<string, string> = {
      accept: "application/json",
      "x-request-id": randomUUID(),
      ...options.headers,
    };
    for (const [key, value] of Object.entries(request.headers ?? {})) headers[key.toLowerCase()] = String(value);
    if (!request.anonymous && options.apiToken) headers.authorization = `Bearer ${options.apiToken}`;
    let payload: string | undefined;
    if (request.body !== undefined) {
      headers["content-type"] = "application/json";
      payload = JSON.stringify(request.body);
    }
    const idempotent = request.idempotent ?? IDEMPOTENT_METHODS.has(method);

    for (let attempt = 0; ; attempt++) {
      let response: Response;
      try {
        const signal = request.signal
          ? AbortSignal.any([request.signal, AbortSignal.timeout(timeoutMs)])
          : AbortSignal.timeout(timeoutMs);
        response = await fetchImpl(url, { method: method.toUpperCase(), headers, body: payload, signal });
      } catch (error) {
        if (request.signal?.aborted) throw request.signal.reason;
        const timedOut = error instanceof Error && error.name === "TimeoutError";
        const failure = new PorticoConnectionError(
          timedOut ? "timeout" : "connection_failed",
          timedOut
            ? `Portico did not answer ${method.toUpperCase()} ${url.pathname} within ${timeoutMs} ms.`
            : `Could not reach Portico at ${url.origin}: ${error instanceof Error ? error.message : String(error)}`,
          { cause: error },
        );
        // The request may have been processed: only idempotent calls are repeated.
        const wait = backoff(attempt);
        if (!idempotent || attempt >= maxRetries || wait === null) throw failure;
        options.onRetry?.({ attempt: attempt + 1, delayMs: wait, method, url: url.href, reason: failure.code });
        await delay(wait, request.signal);
        continue;
      }
      const body = await readBody(response);
      if (response.ok) return { status: response.status, headers: response.headers, body: body as Body };
      const error = toApiError(response, body, headers["x-request-id"] ?? null);
      // 429: Portico refused before acting, so any method may be repeated; 5xx: only idempotent ones.
      const retryable = response.status === 429 || (response.status >= 500 && idempotent);
      const wait = retryable && attempt < maxRetries ? backoff(attempt, error.retryAfterSeconds) : null;
      if (wait === null) throw error;
      options.onRetry?.({
        attempt: attempt + 1,
        delayMs: wait,
        method,
        url: url.href,
        reason: `HTTP ${response.status}`,
      });
      await delay(wait, request.signal);
    }
  }

  /** Delay before the next attempt: Retry-After when given, else exponential back-off with full jitter. */
  function backoff(attempt: number, retryAfterSeconds: number | null = null): number | null {
    if (retryAfterSeconds !== null) {
      const wait = retryAfterSeconds * 1000;
      return wait > maxDelayMs ? null : wait;
    }
    return Math.round(Math.random() * Math.min(maxDelayMs, baseDelayMs * 2 ** attempt));
  }

  /**
   * Any route of the OpenAPI document, typed from it: `request("get", "/api/v1/services/{id}", { path: { id } })`.
   * Routes added to Portico after this SDK version are reachable here once the types are regenerated.
   */
  async function request<P extends ApiPath, M extends MethodOf<P>>(
    method: M,
    path: P,
    // biome-ignore lint/complexity/noBannedTypes: `{} extends Options` = every option is optional, so they may be left out
    ...[requestOptions]: {} extends RequestOptions<Operation<P, M>>
      ? [RequestOptions<Operation<P, M>>?]
      : [RequestOptions<Operation<P, M>>]
  ): Promise<SuccessBody<Operation<P, M>>> {
    const response = await send<SuccessBody<Operation<P, M>>>(
      method,
      path,
      requestOptions as Parameters<typeof send>[2],
    );
    return response.body;
  }

  return { request, send };
}

export type HttpClient = ReturnType<typeof createHttpClient>;
