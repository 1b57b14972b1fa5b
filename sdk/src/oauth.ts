// Webhook contract, the partner's half of OAuth2 v1: a client-credentials token endpoint (RFC 6749 §4.4) that Portico POSTs
//   grant_type=client_credentials&client_id=…&client_secret=…   (application/x-www-form-urlencoded)
// to, expecting {access_token, expires_in}; then every webhook carries `Authorization: Bearer <access_token>`.
// Issued tokens live in a store: the default keeps them in this process's memory; several processes need a shared
// one (Redis, a database table) behind the same two methods. Stores see only a SHA-256 of each token.
import { createHash, randomBytes } from "node:crypto";
import { constantTimeEqual } from "./callbacks.js";

export interface AccessTokenRecord {
  clientId: string;
  expiresAt: Date;
}

/** Where issued access tokens are kept, keyed by the token's SHA-256 (hex). Methods may be sync or async. */
export interface AccessTokenStore {
  save(tokenHash: string, record: AccessTokenRecord): void | Promise<void>;
  find(tokenHash: string): AccessTokenRecord | null | undefined | Promise<AccessTokenRecord | null | undefined>;
}

/** The default store: a Map, swept of expired tokens on every save. One process only. */
export function createMemoryTokenStore(): AccessTokenStore {
  const tokens = new Map<string, AccessTokenRecord>();
  return {
    save(tokenHash, record) {
      const now = Date.now();
      for (const [hash, entry] of tokens) if (entry.expiresAt.getTime() <= now) tokens.delete(hash);
      tokens.set(tokenHash, record);
    },
    find: (tokenHash) => tokens.get(tokenHash),
  };
}

export interface TokenEndpointResult {
  status: 200 | 400 | 401;
  headers: Record<string, string>;
  body: Record<string, string | number>;
}

export interface ClientCredentialsIssuerOptions {
  /** client_id → client_secret of the clients allowed to get tokens (the values you register in Portico). */
  clients: Record<string, string>;
  /** Lifetime of an access token (default 3600 s). */
  ttlSeconds?: number;
  store?: AccessTokenStore;
  now?: () => Date;
}

function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

export function createClientCredentialsIssuer(options: ClientCredentialsIssuerOptions) {
  const ttlSeconds = options.ttlSeconds ?? 3600;
  const clock = options.now ?? (() => new Date());
  const store = options.store ?? createMemoryTokenStore();
  const noStore = { "cache-control": "no-store", pragma: "no-cache" };

  function error(status: 400 | 401, code: string, description: string): TokenEndpointResult {
    const headers: Record<string, string> = { ...noStore };
    if (status === 401) headers["www-authenticate"] = 'Basic realm="token"';
    return { status, headers, body: { error: code, error_description: description } };
  }

  /** Handles the form body of a token request; credentials may also come as HTTP Basic (RFC 6749 §2.3.1). */
  async function handleTokenRequest(form: URLSearchParams, authorizationHeader?: string): Promise<TokenEndpointResult> {
    if (form.get("grant_type") !== "client_credentials")
      return error(400, "unsupported_grant_type", "Only client_credentials is supported.");
    let clientId = form.get("client_id") ?? "";
    let clientSecret = form.get("client_secret") ?? "";
    const basic = /^Basic\s+(\S+)$/i.exec(authorizationHeader ?? "");
    if (basic?.[1]) {
      const decoded = Buffer.from(basic[1], "base64").toString("utf8");
      const colon = decoded.indexOf(":");
      if (colon > 0) {
        try {
          clientId = decodeURIComponent(decoded.slice(0, colon));
          clientSecret = decodeURIComponent(decoded.slice(colon + 1));
        } catch {
          return error(400, "invalid_request", "Malformed Basic credentials.");
        }
      }
    }
    const expected = Object.hasOwn(options.clients, clientId) ? options.clients[clientId] : undefined;
    if (!clientId || expected === undefined || !constantTimeEqual(clientSecret, expected)) {
      return error(401, "invalid_client", "Unknown client or wrong secret.");
    }
    const accessToken = randomBytes(32).toString("base64url");
    await store.save(hashToken(accessToken), {
      clientId,
      expiresAt: new Date(clock().getTime() + ttlSeconds * 1000),
    });
    return {
      status: 200,
      headers: noStore,
      body: { access_token: accessToken, token_type: "Bearer", expires_in: ttlSeconds },
    };
  }

  /** True for a live token issued here; accepts the raw token or an `Authorization: Bearer …` header value. */
  async function verifyAccessToken(tokenOrHeader: string | null | undefined): Promise<boolean> {
    if (!tokenOrHeader) return false;
    const token = /^Bearer\s+(\S+)$/i.exec(tokenOrHeader)?.[1] ?? tokenOrHeader;
    const record = await store.find(hashToken(token));
    return record !== null && record !== undefined && record.expiresAt.getTime() > clock().getTime();
  }

  return { handleTokenRequest, verifyAccessToken };
}

export type ClientCredentialsIssuer = ReturnType<typeof createClientCredentialsIssuer>;
