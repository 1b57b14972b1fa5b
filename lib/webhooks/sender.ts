// Sends one leased delivery: resolve the bearer token, sign, POST through the outbound client, log each HTTP attempt,
// then record the outcome (success, next retry, or failed) and the endpoint's health in one transaction.

import type { WebhookSettings } from "@/lib/config";
import { randomBase62 } from "@/lib/crypto/random";
import { getDb } from "@/lib/db/client";
import { createWriteBatcher } from "@/lib/db/write-batcher";
import { fetchOutbound, OutboundError } from "@/lib/http/outbound";
import { getMetrics } from "@/lib/ops/metrics";
import { type AttemptRow, type DeliveryOutcome, type LoadedDelivery, recordDeliveryResults } from "./claims";
import { disableEndpoint, readAuthentication, readSigningSecrets } from "./endpoints";
import { type AccessToken, dropAccessToken, getAccessToken, TokenError } from "./oauth";
import { computeNextAttemptAt, parseRetryAfter } from "./retry";
import { buildSignatureHeader } from "./signing";

const EXCERPT_BYTES = 1024;
/** What a partner sees of each answer: its first 4 KiB. The rest is never read (the connection is closed instead). */
export const RESPONSE_BODY_BYTES = 4096;
export const MASKED_AUTHORIZATION = "Bearer ********";

interface AttemptResult {
  attemptedAt: Date;
  statusCode: number | null;
  latencyMs: number;
  error: string | null;
  responseExcerpt: string | null;
  requestHeaders: Record<string, string> | null;
  responseHeaders: Record<string, string> | null;
  responseBody: string | null;
  responseTruncated: boolean;
  retryAfterSeconds?: number;
}

const noResponse = { responseExcerpt: null, responseHeaders: null, responseBody: null, responseTruncated: false };

const isSuccess = (result: AttemptResult) =>
  result.statusCode !== null && result.statusCode >= 200 && result.statusCode <= 299;

/** At most 1 KB of UTF-8, cut on a character boundary. */
export function excerpt(body: string): string | null {
  if (!body) return null;
  let text = body.slice(0, EXCERPT_BYTES);
  while (Buffer.byteLength(text) > EXCERPT_BYTES) text = text.slice(0, -1);
  return text;
}

/** The exact bytes that are signed and sent; `id` is the event id, stable across retries (receivers deduplicate). */
export function buildPayload(event: { id: string; type: string; createdAt: Date; data: string }): string {
  return JSON.stringify({
    id: event.id,
    type: event.type,
    created_at: event.createdAt.toISOString(),
    data: JSON.parse(event.data) as unknown,
  });
}

async function post(options: {
  url: string;
  body: string;
  eventId: string;
  secrets: string[];
  token?: string;
  timeoutMs: number;
}): Promise<AttemptResult> {
  const attemptedAt = new Date();
  const started = performance.now();
  // A fresh timestamp per attempt: receivers reject stale ones, and a retry can come hours later.
  const timestamp = Math.floor(attemptedAt.getTime() / 1000);
  const headers: Record<string, string> = {
    "content-type": "application/json",
    "webhook-id": options.eventId,
    "webhook-timestamp": String(timestamp),
    "webhook-signature": buildSignatureHeader(options.secrets, options.eventId, timestamp, options.body),
  };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  // What the partner is shown: the same headers with the credential masked.
  const requestHeaders = options.token ? { ...headers, authorization: MASKED_AUTHORIZATION } : headers;
  try {
    const response = await fetchOutbound({
      url: options.url,
      method: "POST",
      headers,
      body: options.body,
      timeoutMs: options.timeoutMs,
      maxResponseBytes: RESPONSE_BODY_BYTES,
      truncateResponse: true,
      followRedirects: 0, // a 3xx is a failure: the partner must configure the final URL
    });
    const ok = response.status >= 200 && response.status <= 299;
    return {
      attemptedAt,
      statusCode: response.status,
      latencyMs: response.latencyMs,
      error: ok ? null : `HTTP ${response.status}`,
      responseExcerpt: excerpt(response.body),
      requestHeaders,
      responseHeaders: Object.fromEntries(response.headers),
      responseBody: response.body,
      responseTruncated: response.truncated,
      retryAfterSeconds:
        response.status === 429 || response.status === 503
          ? parseRetryAfter(response.headers.get("retry-after"))
          : undefined,
    };
  } catch (error) {
    const message = error instanceof OutboundError ? `${error.code}: ${error.message}` : (error as Error).message;
    return {
      attemptedAt,
      statusCode: null,
      latencyMs: Math.round(performance.now() - started),
      error: message,
      requestHeaders,
      ...noResponse,
    };
  }
}

function tokenFailure(error: unknown): AttemptResult {
  const message = error instanceof TokenError ? error.message : `token: ${(error as Error).message}`;
  return {
    attemptedAt: new Date(),
    statusCode: null,
    latencyMs: 0,
    error: `OAuth2 token endpoint: ${message}`,
    requestHeaders: null,
    ...noResponse,
  };
}

export type { LoadedDelivery };

// Decrypting and validating an endpoint's secrets and OAuth2 settings costs more than signing; they are the same for
// every delivery to the endpoint. Keyed by the ciphertexts themselves, so a rotated secret or an edited configuration
// is a new key and never served stale.
const DECODED_MAX = 1000;
const decoded = new Map<string, { secrets: string[]; auth: ReturnType<typeof readAuthentication> }>();

function decodeEndpoint(endpoint: LoadedDelivery["endpoint"], now: Date) {
  const previousLive =
    endpoint.previousSecretCiphertext !== null &&
    endpoint.previousSecretExpiresAt !== null &&
    endpoint.previousSecretExpiresAt > now;
  const key = [
    endpoint.secretCiphertext,
    previousLive ? endpoint.previousSecretCiphertext : "",
    endpoint.authType,
    endpoint.authConfigCiphertext ?? "",
  ].join("\n");
  let entry = decoded.get(key);
  if (!entry) {
    entry = { secrets: readSigningSecrets(endpoint, now), auth: readAuthentication(endpoint) };
    if (decoded.size >= DECODED_MAX) decoded.delete(decoded.keys().next().value ?? "");
    decoded.set(key, entry);
  }
  return entry;
}

/** What one delivery attempt sent: never empty. */
type Attempts = [AttemptResult, ...AttemptResult[]];

/** Returns false when the lease was lost before recording (another worker now owns the delivery). */
export async function sendDelivery(options: {
  deliveryId: string;
  owner: string;
  settings: WebhookSettings;
  delivery?: LoadedDelivery;
}): Promise<boolean> {
  const { settings } = options;
  let delivery = options.delivery;
  if (!delivery) {
    const row = await getDb().webhookDelivery.findUnique({
      where: { id: options.deliveryId },
      include: { endpoint: true, event: true },
    });
    if (!row || row.leaseOwner !== options.owner) return false;
    delivery = row;
  }
  const { endpoint, event } = delivery;
  const body = buildPayload(event);
  const { secrets, auth } = decodeEndpoint(endpoint, new Date());
  const credentials =
    auth?.version === "v1"
      ? {
          url: auth.data.url,
          client_id: auth.data.client_id,
          client_secret: auth.data.client_secret,
          scope: auth.data.scope,
        }
      : null;
  // A token failure alone, or one send, or a send refused with 401 and its one retry with a new token.
  const attempt = async (): Promise<Attempts> => {
    let token: AccessToken | undefined;
    try {
      if (credentials) token = await getAccessToken(endpoint.id, credentials, settings.timeoutMs);
    } catch (error) {
      return [tokenFailure(error)];
    }
    const bearer = auth?.version === "v2" ? auth.data.token : token?.token;
    const send = (value: string | undefined) =>
      post({ url: endpoint.url, body, eventId: event.id, secrets, token: value, timeoutMs: settings.timeoutMs });
    const first = await send(bearer);
    // The receiver may have revoked the cached token early: drop it, fetch a new one, and retry once.
    if (!credentials || !token || first.statusCode !== 401) return [first];
    try {
      await dropAccessToken(endpoint.id, token);
      token = await getAccessToken(endpoint.id, credentials, settings.timeoutMs);
      return [first, await send(token.token)];
    } catch (error) {
      return [first, tokenFailure(error)];
    }
  };
  const attempts = await attempt();
  return recordOutcome({ delivery, attempts, owner: options.owner, settings });
}

async function recordOutcome(options: {
  delivery: { id: string; attempts: number; endpointId: string; endpoint: { failingSince: Date | null } };
  attempts: Attempts;
  owner: string;
  settings: WebhookSettings;
}): Promise<boolean> {
  const { delivery, attempts, settings } = options;
  const last = attempts.at(-1) ?? attempts[0];
  const now = new Date();
  const attemptsMade = delivery.attempts + 1;
  const succeeded = isSuccess(last);
  const gone = last.statusCode === 410;
  const nextAttemptAt =
    succeeded || gone
      ? null
      : computeNextAttemptAt({
          attemptsMade,
          scheduleSeconds: settings.retryScheduleSeconds,
          retryAfterSeconds: last.retryAfterSeconds,
          now,
        });
  const status = succeeded ? "succeeded" : nextAttemptAt ? "pending" : "failed";
  getMetrics().deliveries.inc({ outcome: status === "pending" ? "retry" : status });

  const recorded = await outcomes.write({
    attempts: attempts.map((attempt) => ({
      id: `att_${randomBase62(20)}`,
      deliveryId: delivery.id,
      attemptedAt: attempt.attemptedAt,
      statusCode: attempt.statusCode,
      latencyMs: attempt.latencyMs,
      error: attempt.error,
      responseExcerpt: attempt.responseExcerpt,
      requestHeaders: attempt.requestHeaders ? JSON.stringify(attempt.requestHeaders) : null,
      responseHeaders: attempt.responseHeaders ? JSON.stringify(attempt.responseHeaders) : null,
      responseBody: attempt.responseBody,
      responseTruncated: attempt.responseTruncated,
    })),
    outcome: {
      id: delivery.id,
      owner: options.owner,
      status,
      attempts: attemptsMade,
      nextAttemptAt,
      lastAttemptAt: last.attemptedAt,
      lastStatusCode: last.statusCode,
      lastLatencyMs: last.latencyMs,
      lastError: last.error,
      lastResponseExcerpt: last.responseExcerpt,
    },
  });
  await recordEndpointHealth({
    endpointId: delivery.endpointId,
    failingSince: delivery.endpoint.failingSince,
    succeeded,
    gone,
    now,
    settings,
  });
  return recorded;
}

type PendingOutcome = { attempts: AttemptRow[]; outcome: DeliveryOutcome };

// Outcomes finishing within a few milliseconds of each other are recorded together (lib/db/write-batcher): one insert
// of their attempts and one UPDATE for all of them (each row still conditional on its own lease). Per-delivery
// statements cost more than the HTTP request itself and capped a worker at a few hundred deliveries/s. One bad row
// (say, a delivery whose endpoint was deleted meanwhile) must not sink the others: a failed batch goes one by one.
const outcomes = createWriteBatcher<PendingOutcome, boolean>({
  writeBatch: async (batch) => {
    const recorded = await recordDeliveryResults(
      batch.flatMap((item) => item.attempts),
      batch.map((item) => item.outcome),
      new Date(),
    );
    return batch.map((item) => recorded.has(item.outcome.id));
  },
  maxBatch: 200,
  windowMs: 5,
  retryAlone: () => true,
});

async function recordEndpointHealth(options: {
  endpointId: string;
  failingSince: Date | null;
  succeeded: boolean;
  gone: boolean;
  now: Date;
  settings: WebhookSettings;
}): Promise<void> {
  const { endpointId, now } = options;
  if (options.succeeded) {
    // Only write when a streak exists: the common healthy path costs no extra statement.
    if (options.failingSince)
      await getDb().webhookEndpoint.updateMany({ where: { id: endpointId }, data: { failingSince: null } });
    return;
  }
  if (options.gone) {
    await disableEndpoint({ id: endpointId, reason: "The receiver answered 410 Gone.", now });
    return;
  }
  if (!options.failingSince) {
    await getDb().webhookEndpoint.updateMany({
      where: { id: endpointId, failingSince: null },
      data: { failingSince: now },
    });
    return;
  }
  if (now.getTime() - options.failingSince.getTime() >= options.settings.disableAfterMs) {
    const hours = Math.round((options.settings.disableAfterMs / 3600_000) * 10) / 10;
    await disableEndpoint({
      id: endpointId,
      reason: `Every delivery failed for ${hours} hours (since ${options.failingSince.toISOString()}).`,
      now,
    });
  }
}
