// A runnable sample partner app built on the Portico partner SDK (plain node:http, no framework).
//   npx tsx examples/sample-partner/server.ts      (configuration: see README.md)
import { randomBytes } from "node:crypto";
import http from "node:http";
import {
  createAuthorizeHandler,
  createCallbackHandler,
  createClientCredentialsIssuer,
  createEndOfDayCookie,
  createRedemptionClient,
  createTokenEndpointHandler,
  createWebhookHandler,
  type NodeHandler,
  parseCookies,
  readServicesToken,
  sendJson,
  serializeCookie,
  stripServicesToken,
  type VerifiedWebhook,
} from "../../sdk/src/index.ts";

function required(name: string): string {
  const value = process.env[name];
  if (!value) {
    console.error(`sample-partner: set ${name} (see examples/sample-partner/README.md)`);
    process.exit(2);
  }
  return value;
}

const config = {
  porticoUrl: required("PORTICO_URL"),
  apiToken: required("PORTICO_API_TOKEN"),
  serviceId: required("SERVICE_ID"),
  serviceSecret: required("SERVICE_SECRET"),
  timeZone: process.env.PARTNER_TIME_ZONE ?? "UTC",
  webhookSecret: process.env.WEBHOOK_SECRET ?? "",
  port: Number(process.env.PORT ?? 4000),
  version: process.env.SERVICE_VERSION ?? "sample-1",
  oauthClientId: process.env.OAUTH_CLIENT_ID ?? "",
  oauthClientSecret: process.env.OAUTH_CLIENT_SECRET ?? "",
  aaUser: process.env.AA_API_USER ?? "",
  aaSecret: process.env.AA_API_SECRET ?? "",
  aaAccessTokens: (process.env.AA_ACCESS_TOKENS ?? "").split(",").filter(Boolean),
};
// Fail at start, not at the first login, when the zone is misspelt.
new Intl.DateTimeFormat("en-US", { timeZone: config.timeZone });

const SESSION_COOKIE = "services_cookie";
const sessions = new Map<string, { email: string; expiresAt: Date }>();
const webhookEvents: { id: string; type: string; receivedAt: string; payload: unknown }[] = [];
const seenWebhookIds = new Set<string>();
const portico = createRedemptionClient({ baseUrl: config.porticoUrl, apiToken: config.apiToken });
const issuer = createClientCredentialsIssuer({
  clients: config.oauthClientId ? { [config.oauthClientId]: config.oauthClientSecret } : {},
});

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

function sendPage(
  res: http.ServerResponse,
  status: number,
  title: string,
  body: string,
  headers: Record<string, string> = {},
) {
  res.writeHead(status, {
    "content-type": "text/html; charset=utf-8",
    "cache-control": "no-store",
    "referrer-policy": "no-referrer",
    ...headers,
  });
  res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;color:#18181b}code{background:#f4f4f5;padding:0 .25rem}</style>
</head><body>${body}</body></html>`);
}

function currentSession(req: http.IncomingMessage) {
  const id = parseCookies(req.headers.cookie).get(SESSION_COOKIE);
  const session = id ? sessions.get(id) : undefined;
  if (!session || !id) return null;
  // The cookie's expiry is the browser's job; the server enforces it too (a copied cookie outlives nothing).
  if (session.expiresAt <= new Date()) {
    sessions.delete(id);
    return null;
  }
  return session;
}

/** `?services=<token>` → redeem with Portico → session until the end of the partner's day → clean URL. */
const login: NodeHandler = async (req, res) => {
  const url = new URL(req.url ?? "/", "http://localhost");
  const token = readServicesToken(url);
  if (!token) return home(req, res);
  const result = await portico.redeem(token);
  if (!result.ok) {
    console.warn(`sample-partner: Portico refused a login (${result.status}): ${result.message}`);
    return sendPage(
      res,
      401,
      "Login refused",
      `<h1 data-testid="login-refused">Login refused</h1><p>Portico said: <span data-testid="refusal-message">${escapeHtml(result.message)}</span> (HTTP ${result.status}).</p><p>Open the app again from your Portico catalog.</p>`,
    );
  }
  const sessionId = randomBytes(32).toString("base64url");
  const cookie = createEndOfDayCookie(SESSION_COOKIE, sessionId, {
    timeZone: config.timeZone,
    notAfter: result.sessionExpiresAt ?? undefined,
    secure: url.protocol === "https:" || req.headers["x-forwarded-proto"] === "https",
  });
  sessions.set(sessionId, { email: result.email, expiresAt: cookie.expires });
  res.writeHead(303, {
    location: stripServicesToken(url),
    "set-cookie": cookie.header,
    "cache-control": "no-store",
    "referrer-policy": "no-referrer",
  });
  res.end();
};

const home: NodeHandler = async (req, res) => {
  const session = currentSession(req);
  if (!session) {
    return sendPage(
      res,
      200,
      "Sample partner",
      `<h1>Sample partner app</h1><p data-testid="signed-out">Nobody is logged in. Open this app from your Portico catalog.</p>`,
    );
  }
  sendPage(
    res,
    200,
    "Sample partner",
    `<h1>Sample partner app</h1>
<p>Logged in as <strong data-testid="signed-in-email">${escapeHtml(session.email)}</strong>.</p>
<p>Your session ends at <span data-testid="session-expires-at">${session.expiresAt.toISOString()}</span> (end of the day in ${escapeHtml(config.timeZone)}).</p>
<p><a href="/logout">Log out</a> · <a href="/webhooks/events">Webhook events received (${webhookEvents.length})</a></p>`,
  );
};

const logout: NodeHandler = async (req, res) => {
  const id = parseCookies(req.headers.cookie).get(SESSION_COOKIE);
  if (id) sessions.delete(id);
  res.writeHead(303, { location: "/", "set-cookie": serializeCookie(SESSION_COOKIE, "", { expires: new Date(0) }) });
  res.end();
};

const webhooks: NodeHandler = config.webhookSecret
  ? createWebhookHandler({
      secret: config.webhookSecret,
      // With an OAuth2 client configured, Portico must present a token from /oauth/token (seed 003 v1).
      verifyAuthorization: config.oauthClientId ? issuer.verifyAccessToken : undefined,
      onEvent: (event: VerifiedWebhook<{ type?: string }>) => {
        if (seenWebhookIds.has(event.id)) return; // retries repeat the id: handle each event once
        seenWebhookIds.add(event.id);
        webhookEvents.unshift({
          id: event.id,
          type: event.payload.type ?? "unknown",
          receivedAt: new Date().toISOString(),
          payload: event.payload,
        });
        webhookEvents.length = Math.min(webhookEvents.length, 100);
        console.log(`sample-partner: webhook ${event.id} ${event.payload.type ?? ""}`);
      },
    })
  : async (_req, res) => sendJson(res, 503, { error: "WEBHOOK_SECRET is not set" });

const callback: NodeHandler = createCallbackHandler({
  apiUser: config.aaUser,
  apiSecret: config.aaSecret,
  // Devices hold tokens from this app's own token endpoint, or listed in AA_ACCESS_TOKENS for demos.
  verifyAccessToken: ({ accessToken }) =>
    config.aaAccessTokens.includes(accessToken) || issuer.verifyAccessToken(accessToken),
});

const routes: Record<string, NodeHandler> = {
  "GET /authorize": createAuthorizeHandler({
    serviceId: config.serviceId,
    serviceSecret: config.serviceSecret,
    version: config.version,
  }),
  "GET /": login,
  "GET /logout": logout,
  "POST /webhooks": webhooks,
  "GET /webhooks/events": async (_req, res) => sendJson(res, 200, { data: webhookEvents }),
  "POST /aa-callback": async (req, res) =>
    config.aaUser ? callback(req, res) : sendJson(res, 503, { error: "AA_API_USER is not set" }),
  "POST /oauth/token": createTokenEndpointHandler(issuer),
  "GET /health": async (_req, res) => sendJson(res, 200, { status: "ok" }),
};

const server = http.createServer((req, res) => {
  const path = new URL(req.url ?? "/", "http://localhost").pathname;
  // Any unknown GET path is the app itself (the service URL may carry a path), so ?services= works everywhere.
  const handler = routes[`${req.method} ${path}`] ?? (req.method === "GET" ? login : undefined);
  if (!handler) return sendJson(res, 404, { error: "not_found" });
  handler(req, res).catch((error: unknown) => {
    console.error("sample-partner: request failed", error);
    if (!res.headersSent) sendJson(res, 500, { error: "internal_error" });
    else res.end();
  });
});

server.listen(config.port, process.env.HOST ?? "127.0.0.1", () => {
  console.log(
    `sample-partner: listening on http://${process.env.HOST ?? "127.0.0.1"}:${config.port} (Portico ${config.porticoUrl}, zone ${config.timeZone})`,
  );
});

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
