// OAuth2 v1 (webhook contract): client-credentials tokens per endpoint, cached encrypted in OAuthTokenCache until expiry
// minus a margin. One token request at a time per endpoint: in-process callers share one promise; across instances
// the row's lockOwner/lockExpiresAt is taken with a conditional update and the others poll for the result.
import { randomBytes } from "node:crypto";
import { decryptSecret, encryptSecret } from "@/lib/crypto/encryption";
import { getDb } from "@/lib/db/client";
import { fetchOutbound, OutboundError } from "@/lib/http/outbound";
import { tokenResponseSchema } from "./schemas";

export class TokenError extends Error {
  readonly statusCode: number | null;
  constructor(message: string, statusCode: number | null = null) {
    super(message);
    this.name = "TokenError";
    this.statusCode = statusCode;
  }
}

export interface ClientCredentials {
  url: string;
  client_id: string;
  client_secret: string;
  scope?: string;
}

export interface AccessToken {
  token: string;
  /** Identifies this token in the cache, so a 401 drops only the token that failed, never a newer one. */
  ciphertext: string;
  usableUntil: number;
}

const LOCK_MS = 20_000; // longer than the token request's own 15 s timeout
const WAIT_MS = 20_000;
const POLL_MS = 50;
const MAX_MARGIN_MS = 60_000;

const processId = randomBytes(6).toString("hex");
const memory = new Map<string, AccessToken>();
const flights = new Map<string, Promise<AccessToken>>();
let tokenRequests = 0;

/** Token requests this process made (benchmark and tests). */
export function countTokenRequests(): number {
  return tokenRequests;
}

// A margin of 10 % of the lifetime (at most 60 s) keeps a token from expiring between our check and its use.
function usableUntil(expiresAt: Date, fetchedAt: Date | null): number {
  const lifetime = expiresAt.getTime() - (fetchedAt ?? expiresAt).getTime();
  return expiresAt.getTime() - Math.min(MAX_MARGIN_MS, Math.max(0, lifetime) / 10);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function getAccessToken(
  endpointId: string,
  credentials: ClientCredentials,
  timeoutMs: number,
): Promise<AccessToken> {
  const cached = memory.get(endpointId);
  if (cached && cached.usableUntil > Date.now()) return cached;
  let flight = flights.get(endpointId);
  if (!flight) {
    flight = loadOrFetch(endpointId, credentials, timeoutMs).finally(() => flights.delete(endpointId));
    flights.set(endpointId, flight);
  }
  return flight;
}

/** After a 401 with `used`: forget it (only if still current) so the next getAccessToken fetches a fresh one. */
export async function dropAccessToken(endpointId: string, used: AccessToken): Promise<void> {
  if (memory.get(endpointId)?.ciphertext === used.ciphertext) memory.delete(endpointId);
  await getDb().oAuthTokenCache.updateMany({
    where: { endpointId, accessTokenCiphertext: used.ciphertext },
    data: { accessTokenCiphertext: null, expiresAt: null },
  });
}

async function readCached(endpointId: string): Promise<AccessToken | null> {
  const row = await getDb().oAuthTokenCache.findUnique({ where: { endpointId } });
  if (!row?.accessTokenCiphertext || !row.expiresAt) return null;
  const until = usableUntil(row.expiresAt, row.fetchedAt);
  if (until <= Date.now()) return null;
  return { token: decryptSecret(row.accessTokenCiphertext), ciphertext: row.accessTokenCiphertext, usableUntil: until };
}

async function ensureCacheRow(endpointId: string): Promise<void> {
  if (await getDb().oAuthTokenCache.findUnique({ where: { endpointId }, select: { endpointId: true } })) return;
  try {
    await getDb().oAuthTokenCache.create({ data: { endpointId } });
  } catch {
    // another instance created it first (unique endpointId) — exactly what we wanted
  }
}

async function loadOrFetch(
  endpointId: string,
  credentials: ClientCredentials,
  timeoutMs: number,
): Promise<AccessToken> {
  const deadline = Date.now() + WAIT_MS;
  await ensureCacheRow(endpointId);
  for (;;) {
    const cached = await readCached(endpointId);
    if (cached) {
      memory.set(endpointId, cached);
      return cached;
    }
    const owner = `${processId}:${randomBytes(4).toString("hex")}`;
    const now = new Date();
    const lock = await getDb().oAuthTokenCache.updateMany({
      where: { endpointId, OR: [{ lockOwner: null }, { lockExpiresAt: { lt: now } }] },
      data: { lockOwner: owner, lockExpiresAt: new Date(now.getTime() + LOCK_MS) },
    });
    if (lock.count === 1) return fetchUnderLock(endpointId, credentials, owner, timeoutMs);
    if (Date.now() > deadline) throw new TokenError("timed out waiting for another instance's token request");
    await sleep(POLL_MS);
  }
}

async function fetchUnderLock(
  endpointId: string,
  credentials: ClientCredentials,
  owner: string,
  timeoutMs: number,
): Promise<AccessToken> {
  const release = () =>
    getDb().oAuthTokenCache.updateMany({
      where: { endpointId, lockOwner: owner },
      data: { lockOwner: null, lockExpiresAt: null },
    });
  try {
    // The holder before us may have stored a token between our read and our lock.
    const fresh = await readCached(endpointId);
    if (fresh) {
      await release();
      memory.set(endpointId, fresh);
      return fresh;
    }
    const fetchedAt = new Date();
    const { access_token, expires_in } = await requestToken(credentials, timeoutMs).catch(async (error: Error) => {
      await recordTokenFetch(endpointId, error.message);
      throw error;
    });
    await recordTokenFetch(endpointId, null);
    const expiresAt = new Date(fetchedAt.getTime() + expires_in * 1000);
    const ciphertext = encryptSecret(access_token);
    await getDb().oAuthTokenCache.updateMany({
      where: { endpointId },
      data: { accessTokenCiphertext: ciphertext, expiresAt, fetchedAt, lockOwner: null, lockExpiresAt: null },
    });
    const token = { token: access_token, ciphertext, usableUntil: usableUntil(expiresAt, fetchedAt) };
    memory.set(endpointId, token);
    return token;
  } catch (error) {
    await release().catch(() => undefined);
    throw error;
  }
}

/** The endpoint's health shows the last token request: when it finished, and its error (null = it worked). */
async function recordTokenFetch(endpointId: string, error: string | null): Promise<void> {
  await getDb()
    .webhookEndpoint.updateMany({
      where: { id: endpointId },
      data: { tokenFetchedAt: new Date(), tokenFetchError: error },
    })
    .catch(() => undefined);
}

/** The contract's request: POST form fields grant_type, client_id, client_secret; expects {access_token, expires_in}. */
export async function requestToken(credentials: ClientCredentials, timeoutMs: number) {
  tokenRequests++;
  let response: Awaited<ReturnType<typeof fetchOutbound>>;
  try {
    response = await fetchOutbound({
      url: credentials.url,
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
      body: new URLSearchParams({
        grant_type: "client_credentials",
        client_id: credentials.client_id,
        client_secret: credentials.client_secret,
        ...(credentials.scope ? { scope: credentials.scope } : {}),
      }).toString(),
      timeoutMs,
      followRedirects: 0,
    });
  } catch (error) {
    const message = error instanceof OutboundError ? `${error.code}: ${error.message}` : (error as Error).message;
    throw new TokenError(`token request failed (${message})`);
  }
  if (response.status < 200 || response.status > 299) {
    throw new TokenError(`token endpoint answered HTTP ${response.status}`, response.status);
  }
  let body: unknown;
  try {
    body = JSON.parse(response.body);
  } catch {
    throw new TokenError("token endpoint answered with a body that is not JSON", response.status);
  }
  const parsed = tokenResponseSchema.safeParse(body);
  if (!parsed.success) throw new TokenError("token endpoint answer lacks access_token or expires_in", response.status);
  return parsed.data;
}
