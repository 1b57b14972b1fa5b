// Seed 003, the partner's half of OAuth2 v1: a client-credentials token endpoint (RFC 6749 §4.4) that Portico POSTs
//   grant_type=client_credentials&client_id=…&client_secret=…   (application/x-www-form-urlencoded)
// to, expecting {access_token, expires_in}; then every webhook carries `Authorization: Bearer <access_token>`.
// Tokens live in memory: one process per sample app. Put them in a shared store if you run several.
import { randomBytes } from "node:crypto";
import { constantTimeEqual } from "./callbacks.ts";

export interface TokenEndpointResult {
  status: 200 | 400 | 401;
  headers: Record<string, string>;
  body: Record<string, string | number>;
}

export function createClientCredentialsIssuer(options: {
  clients: Record<string, string>;
  ttlSeconds?: number;
  now?: () => Date;
}) {
  const ttlSeconds = options.ttlSeconds ?? 3600;
  const clock = options.now ?? (() => new Date());
  const issued = new Map<string, { clientId: string; expiresAt: number }>();
  const noStore = { "cache-control": "no-store", pragma: "no-cache" };

  function error(status: 400 | 401, code: string, description: string): TokenEndpointResult {
    const headers: Record<string, string> = { ...noStore };
    if (status === 401) headers["www-authenticate"] = 'Basic realm="token"';
    return { status, headers, body: { error: code, error_description: description } };
  }

  /** Handles the form body of a token request; credentials may also come as HTTP Basic (RFC 6749 §2.3.1). */
  function handleTokenRequest(form: URLSearchParams, authorizationHeader?: string): TokenEndpointResult {
    if (form.get("grant_type") !== "client_credentials")
      return error(400, "unsupported_grant_type", "Only client_credentials is supported.");
    let clientId = form.get("client_id") ?? "";
    let clientSecret = form.get("client_secret") ?? "";
    const basic = /^Basic\s+(\S+)$/i.exec(authorizationHeader ?? "");
    if (basic?.[1]) {
      const decoded = Buffer.from(basic[1], "base64").toString("utf8");
      const colon = decoded.indexOf(":");
      if (colon > 0) {
        clientId = decodeURIComponent(decoded.slice(0, colon));
        clientSecret = decodeURIComponent(decoded.slice(colon + 1));
      }
    }
    const expected = Object.hasOwn(options.clients, clientId) ? options.clients[clientId] : undefined;
    if (!clientId || expected === undefined || !constantTimeEqual(clientSecret, expected)) {
      return error(401, "invalid_client", "Unknown client or wrong secret.");
    }
    const nowMs = clock().getTime();
    for (const [token, entry] of issued) if (entry.expiresAt <= nowMs) issued.delete(token);
    const accessToken = randomBytes(32).toString("base64url");
    issued.set(accessToken, { clientId, expiresAt: nowMs + ttlSeconds * 1000 });
    return {
      status: 200,
      headers: noStore,
      body: { access_token: accessToken, token_type: "Bearer", expires_in: ttlSeconds },
    };
  }

  /** True for a live token issued here; accepts the raw token or an `Authorization: Bearer …` header value. */
  function verifyAccessToken(tokenOrHeader: string | undefined): boolean {
    if (!tokenOrHeader) return false;
    const token = /^Bearer\s+(\S+)$/i.exec(tokenOrHeader)?.[1] ?? tokenOrHeader;
    const entry = issued.get(token);
    return entry !== undefined && entry.expiresAt > clock().getTime();
  }

  return { handleTokenRequest, verifyAccessToken };
}
