// A real OAuth2 client-credentials token server on loopback, as the webhook contract describes it: POST form fields grant_type,
// client_id, client_secret → {access_token, expires_in}. Issues numbered tokens so tests can tell them apart.
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface OAuthServer {
  url: string;
  /** Token requests received (all, including refused ones). */
  requests: () => number;
  /** Tokens issued so far, in order. */
  issued: string[];
  /** The `scope` form field of each token request (null when absent), in order. */
  scopes: (string | null)[];
  isValid: (token: string) => boolean;
  revoke: (token: string) => void;
  /** Lifetime of the next tokens, in seconds. */
  expiresIn: number;
  /** Answer the next token requests with this status instead (e.g. 500), until set back to undefined. */
  failWith?: number;
  /** Delay each answer (to make concurrent requests overlap). */
  delayMs: number;
  close: () => Promise<void>;
}

export async function startOAuthServer(options: {
  clientId: string;
  clientSecret: string;
  expiresIn?: number;
}): Promise<OAuthServer> {
  let count = 0;
  const expiries = new Map<string, number>();
  const state: OAuthServer = {
    url: "",
    requests: () => count,
    issued: [],
    scopes: [],
    isValid: (token) => (expiries.get(token) ?? 0) > Date.now(),
    revoke: (token) => void expiries.delete(token),
    expiresIn: options.expiresIn ?? 3600,
    delayMs: 0,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  const server = http.createServer((req, res) => {
    let raw = "";
    req.on("data", (chunk) => (raw += chunk));
    req.on("end", async () => {
      count++;
      if (state.delayMs) await new Promise((resolve) => setTimeout(resolve, state.delayMs));
      const json = (status: number, body: unknown) => {
        res.writeHead(status, { "content-type": "application/json" });
        res.end(JSON.stringify(body));
      };
      if (state.failWith) return json(state.failWith, { error: "temporarily_unavailable" });
      const form = new URLSearchParams(raw);
      state.scopes.push(form.get("scope"));
      if (
        req.method !== "POST" ||
        !(req.headers["content-type"] ?? "").startsWith("application/x-www-form-urlencoded")
      ) {
        return json(400, { error: "invalid_request" });
      }
      if (form.get("grant_type") !== "client_credentials") return json(400, { error: "unsupported_grant_type" });
      if (form.get("client_id") !== options.clientId || form.get("client_secret") !== options.clientSecret) {
        return json(401, { error: "invalid_client" });
      }
      const token = `tok-${state.issued.length + 1}-${Math.random().toString(36).slice(2, 10)}`;
      state.issued.push(token);
      expiries.set(token, Date.now() + state.expiresIn * 1000);
      json(200, { access_token: token, token_type: "Bearer", expires_in: state.expiresIn });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/oauth/token`;
  return state;
}
