// The endpoints a partner hosts, as Fetch API handlers (`Request → Response`): Next.js route handlers, Hono, Bun,
// Deno, Cloudflare-style runtimes with node:crypto. For node:http and Express wrap them with `toNodeHandler`.
import { createAuthorizeResponse } from "./authorize.js";
import { type CallbackValidatorOptions, validateAuthorizationCallback } from "./callbacks.js";
import type { RedemptionResult } from "./client/redemption-result.js";
import { serializeCookie } from "./cookies.js";
import { endOfDay } from "./end-of-day.js";
import { BodyTooLargeError, WebhookVerificationError } from "./errors.js";
import type { PorticoEvent } from "./generated/events.js";
import { readServicesToken, stripServicesToken } from "./login.js";
import type { ClientCredentialsIssuer } from "./oauth.js";
import { type VerifiedWebhook, verifyWebhook } from "./webhooks.js";

export type FetchHandler = (request: Request) => Promise<Response>;

const NO_STORE = { "cache-control": "no-store" };

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json", ...NO_STORE, ...headers },
  });
}

/** The request body, refusing more than `maxBytes` (by Content-Length, and while reading when it is absent). */
export async function readRequestBody(request: Request, maxBytes: number): Promise<Uint8Array> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > maxBytes) throw new BodyTooLargeError(`Body larger than ${maxBytes} bytes.`);
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw new BodyTooLargeError(`Body larger than ${maxBytes} bytes.`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/** `GET /authorize` (service authorization contract), served on the origin of the service URL. `version` may be a function. */
export function createAuthorizeHandler(options: {
  serviceId: string;
  serviceSecret: string;
  version: string | (() => string);
}): FetchHandler {
  return async () => {
    const version = typeof options.version === "function" ? options.version() : options.version;
    return json(200, createAuthorizeResponse({ ...options, version }));
  };
}

/** The A&A callback (callback verification contract): 200 for a valid request, 400 malformed, 401 refused, 413 too large. */
export function createCallbackHandler(options: CallbackValidatorOptions): FetchHandler {
  return async (request) => {
    let body: unknown;
    try {
      body = JSON.parse(Buffer.from(await readRequestBody(request, 16 * 1024)).toString("utf8"));
    } catch (error) {
      if (error instanceof BodyTooLargeError) return json(413, { valid: false, message: error.message });
      return json(400, { valid: false, message: "Body must be JSON." });
    }
    const result = await validateAuthorizationCallback(body, options);
    return json(result.status, { valid: result.status === 200, message: result.message });
  };
}

export interface WebhookHandlerOptions {
  /** The endpoint's `whsec_…` secret, or [current, previous] while a rotation overlaps. */
  secret: string | readonly string[];
  /** Runs after verification; deduplicate on `delivery.id` (retries and replays repeat it). Throw to get a retry. */
  onEvent: (event: PorticoEvent, delivery: Omit<VerifiedWebhook, "payload">) => void | Promise<void>;
  /** With OAuth2 configured on the endpoint: check `Authorization` (e.g. the issuer's `verifyAccessToken`). */
  verifyAuthorization?: (authorizationHeader: string | null) => boolean | Promise<boolean>;
  toleranceSeconds?: number;
  maxBodyBytes?: number;
}

/**
 * Webhook receiver (webhook contract): bearer token (when asked), Standard Webhooks signature and timestamp, then `onEvent`.
 * 204 when handled, 401 bad token, 400 bad signature, 413 too large; an `onEvent` failure propagates (→ 5xx → retry).
 */
export function createWebhookHandler(options: WebhookHandlerOptions): FetchHandler {
  return async (request) => {
    if (options.verifyAuthorization && !(await options.verifyAuthorization(request.headers.get("authorization")))) {
      return json(401, { error: "invalid_token" }, { "www-authenticate": 'Bearer error="invalid_token"' });
    }
    let verified: VerifiedWebhook;
    try {
      const body = Buffer.from(await readRequestBody(request, options.maxBodyBytes ?? 256 * 1024));
      verified = verifyWebhook({
        secret: options.secret,
        headers: request.headers,
        body,
        toleranceSeconds: options.toleranceSeconds,
      });
    } catch (error) {
      if (error instanceof WebhookVerificationError) return json(400, { error: error.code, message: error.message });
      if (error instanceof BodyTooLargeError) return json(413, { error: error.code, message: error.message });
      throw error;
    }
    await options.onEvent(verified.payload, { id: verified.id, timestamp: verified.timestamp });
    return new Response(null, { status: 204 });
  };
}

/** The OAuth2 client-credentials token endpoint (webhook contract, OAuth2 v1) of a `createClientCredentialsIssuer`. */
export function createTokenEndpointHandler(issuer: ClientCredentialsIssuer): FetchHandler {
  return async (request) => {
    let form: URLSearchParams;
    try {
      form = new URLSearchParams(Buffer.from(await readRequestBody(request, 8 * 1024)).toString("utf8"));
    } catch {
      return json(413, { error: "invalid_request", error_description: "Body too large." });
    }
    const result = await issuer.handleTokenRequest(form, request.headers.get("authorization") ?? undefined);
    return json(result.status, result.body, result.headers);
  };
}

export interface LoginHandlerOptions {
  /** Anything that redeems a one-time token: `createPorticoClient(...).login`. */
  redeemer: { redeem(servicesToken: string): Promise<RedemptionResult> };
  /** The partner's IANA time zone: the session cookie ends at midnight there (capped at Portico's answer). */
  timeZone: string;
  /** Creates your session for the user and answers its id, stored in the cookie. */
  createSession: (login: { email: string; expiresAt: Date }) => string | Promise<string>;
  cookieName?: string;
  /** The page for a refused token (default: a plain 401 text naming the reason). */
  onRefused?: (failure: Extract<RedemptionResult, { ok: false }>, request: Request) => Response | Promise<Response>;
}

/**
 * One-time login landing (one-time login contract): `?services=<token>` → redeem → session cookie until the end of the partner's
 * day → 303 to the same URL without the token (so it leaves the address bar and history). Without `services`
 * answers null, so the app serves the page itself.
 */
export function createLoginHandler(options: LoginHandlerOptions): (request: Request) => Promise<Response | null> {
  return async (request) => {
    const url = new URL(request.url);
    const token = readServicesToken(url);
    if (!token) return null;
    const result = await options.redeemer.redeem(token);
    if (!result.ok) {
      if (options.onRefused) return options.onRefused(result, request);
      return new Response(`Login refused (${result.reason}): ${result.message}`, {
        status: 401,
        headers: { "content-type": "text/plain; charset=utf-8", ...NO_STORE, "referrer-policy": "no-referrer" },
      });
    }
    // The partner's midnight, or Portico's session end when that comes first.
    const now = new Date();
    const midnight = endOfDay(now, options.timeZone);
    const expiresAt = new Date(Math.min(result.sessionExpiresAt.getTime(), midnight.getTime()));
    const sessionId = await options.createSession({ email: result.email, expiresAt });
    const secure = url.protocol === "https:" || request.headers.get("x-forwarded-proto") === "https";
    const header = serializeCookie(
      options.cookieName ?? "services_cookie",
      sessionId,
      { expires: expiresAt, secure },
      now,
    );
    return new Response(null, {
      status: 303,
      headers: {
        location: stripServicesToken(url),
        "set-cookie": header,
        ...NO_STORE,
        "referrer-policy": "no-referrer",
      },
    });
  };
}
