// Adapters for node:http servers (no framework): each returns a (req, res) handler for one partner endpoint.
import type { IncomingMessage, ServerResponse } from "node:http";
import { createAuthorizeResponse } from "./authorize.ts";
import { type CallbackValidatorOptions, validateAuthorizationCallback } from "./callbacks.ts";
import type { createClientCredentialsIssuer } from "./oauth.ts";
import { type VerifiedWebhook, verifyWebhook, WebhookVerificationError } from "./webhooks.ts";

export type NodeHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

export class BodyTooLargeError extends Error {}

export async function readRawBody(req: IncomingMessage, maxBytes = 256 * 1024): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > maxBytes) throw new BodyTooLargeError(`Body larger than ${maxBytes} bytes.`);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}

/** `GET /authorize` (seed 000). `version` may be a function, e.g. reading the deployed commit. */
export function createAuthorizeHandler(options: {
  serviceId: string;
  serviceSecret: string;
  version: string | (() => string);
}): NodeHandler {
  return async (_req, res) => {
    const version = typeof options.version === "function" ? options.version() : options.version;
    sendJson(
      res,
      200,
      createAuthorizeResponse({ serviceId: options.serviceId, serviceSecret: options.serviceSecret, version }),
      {
        "cache-control": "no-store",
      },
    );
  };
}

/** The A&A callback (seed 002): answers 200 for a valid request, 4xx otherwise. */
export function createCallbackHandler(options: CallbackValidatorOptions): NodeHandler {
  return async (req, res) => {
    let body: unknown;
    try {
      body = JSON.parse((await readRawBody(req, 16 * 1024)).toString("utf8"));
    } catch {
      return sendJson(res, 400, { valid: false, message: "Body must be JSON." });
    }
    const result = await validateAuthorizationCallback(body, options);
    sendJson(res, result.status, { valid: result.status === 200, message: result.message });
  };
}

/**
 * Webhook receiver (seed 003): verifies the Standard Webhooks signature (and, when `verifyAuthorization` is given,
 * the OAuth2 bearer token) before `onEvent` sees the payload. Answers 2xx quickly: slow receivers get retries.
 */
export function createWebhookHandler<T = unknown>(options: {
  secret: string;
  onEvent: (event: VerifiedWebhook<T>) => void | Promise<void>;
  verifyAuthorization?: (authorizationHeader: string | undefined) => boolean;
}): NodeHandler {
  return async (req, res) => {
    if (options.verifyAuthorization && !options.verifyAuthorization(req.headers.authorization)) {
      return sendJson(res, 401, { error: "invalid_token" }, { "www-authenticate": 'Bearer error="invalid_token"' });
    }
    try {
      const body = await readRawBody(req);
      const event = verifyWebhook<T>({ secret: options.secret, headers: req.headers, body });
      await options.onEvent(event);
      res.writeHead(204).end();
    } catch (error) {
      if (error instanceof WebhookVerificationError)
        return sendJson(res, 400, { error: "invalid_signature", message: error.message });
      if (error instanceof BodyTooLargeError) return sendJson(res, 413, { error: "payload_too_large" });
      throw error;
    }
  };
}

/** The OAuth2 client-credentials token endpoint (seed 003 v1). */
export function createTokenEndpointHandler(issuer: ReturnType<typeof createClientCredentialsIssuer>): NodeHandler {
  return async (req, res) => {
    const form = new URLSearchParams((await readRawBody(req, 8 * 1024)).toString("utf8"));
    const result = issuer.handleTokenRequest(form, req.headers.authorization);
    sendJson(res, result.status, result.body, result.headers);
  };
}
