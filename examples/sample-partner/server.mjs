// A runnable sample partner app on the packed Portico SDK: plain node:http, no framework, no build step.
//   npm run setup && npm start      (configuration: see README.md)
import { randomBytes } from "node:crypto";
import http from "node:http";
import {
  createAuthorizeHandler,
  createCallbackHandler,
  createClientCredentialsIssuer,
  createLoginHandler,
  createPorticoClient,
  createTokenEndpointHandler,
  createWebhookHandler,
  parseCookies,
  serializeCookie,
  toNodeHandler,
} from "@portico/partner-sdk";

function required(name) {
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
  host: process.env.HOST ?? "127.0.0.1",
  port: Number(process.env.PORT ?? 4000),
  version: process.env.SERVICE_VERSION ?? "sample-1",
  oauthClientId: process.env.OAUTH_CLIENT_ID ?? "",
  oauthClientSecret: process.env.OAUTH_CLIENT_SECRET ?? "",
  aaUser: process.env.AA_API_USER ?? "",
  aaSecret: process.env.AA_API_SECRET ?? "",
  aaAccessTokens: (process.env.AA_ACCESS_TOKENS ?? "").split(",").filter(Boolean),
};
// Where Portico reaches this app (its webhook endpoint is registered at <publicUrl>/webhooks).
config.publicUrl = (process.env.PUBLIC_URL ?? `http://${config.host}:${config.port}`).replace(/\/+$/, "");
// Fail at start, not at the first login, when the zone is misspelt.
new Intl.DateTimeFormat("en-US", { timeZone: config.timeZone });

const portico = createPorticoClient({ baseUrl: config.porticoUrl, apiToken: config.apiToken });
const issuer = createClientCredentialsIssuer({
  clients: config.oauthClientId ? { [config.oauthClientId]: config.oauthClientSecret } : {},
});
const SESSION_COOKIE = "services_cookie";
const sessions = new Map();
const webhookEvents = [];
const seenWebhookIds = new Set();

/**
 * This app's webhook endpoint in Portico, created through the client on first start. On later starts the existing
 * endpoint's secret is rotated to learn a current one (secrets are shown only on creation and rotation; Portico keeps
 * signing with the previous one for 24 h, so nothing in flight is lost).
 */
async function ensureWebhookEndpoint() {
  const url = `${config.publicUrl}/webhooks`;
  const authentication = config.oauthClientId
    ? {
        type: "OAuth2",
        version: "v1",
        data: {
          url: `${config.publicUrl}/oauth/token`,
          grant_type: "client_credentials",
          client_id: config.oauthClientId,
          client_secret: config.oauthClientSecret,
        },
      }
    : undefined;
  const { data } = await portico.webhookEndpoints.list();
  const existing = data.find((endpoint) => endpoint.url === url);
  if (existing) {
    const rotated = await portico.webhookEndpoints.rotateSecret(existing.id);
    return { id: existing.id, secret: rotated.secret };
  }
  const created = await portico.webhookEndpoints.create({ url, description: "sample partner app", authentication });
  return { id: created.id, secret: created.secret };
}

function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

function page(status, title, body) {
  return new Response(
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;color:#18181b}</style>
</head><body>${body}</body></html>`,
    {
      status,
      headers: {
        "content-type": "text/html; charset=utf-8",
        "cache-control": "no-store",
        "referrer-policy": "no-referrer",
      },
    },
  );
}

function currentSession(request) {
  const id = parseCookies(request.headers.get("cookie") ?? undefined).get(SESSION_COOKIE);
  const session = id ? sessions.get(id) : undefined;
  if (!session) return null;
  // The cookie's expiry is the browser's job; the server enforces it too (a copied cookie outlives nothing).
  if (session.expiresAt <= new Date()) {
    sessions.delete(id);
    return null;
  }
  return session;
}

// `?services=<token>` on any GET path → redeem → session until the end of the partner's day → same URL without it.
const login = createLoginHandler({
  redeemer: portico.login,
  timeZone: config.timeZone,
  createSession: ({ email, expiresAt }) => {
    const id = randomBytes(32).toString("base64url");
    sessions.set(id, { email, expiresAt });
    return id;
  },
  onRefused: (failure) => {
    console.warn(`sample-partner: Portico refused a login (${failure.reason}): ${failure.message}`);
    return page(
      401,
      "Login refused",
      `<h1 data-testid="login-refused">Login refused</h1><p>Portico said: <span data-testid="refusal-message">${escapeHtml(failure.message)}</span> (<code>${failure.reason}</code>).</p><p>Open the app again from your Portico catalog.</p>`,
    );
  },
});

async function home(request) {
  const session = currentSession(request);
  if (!session) {
    return page(
      200,
      "Sample partner",
      `<h1>Sample partner app</h1><p data-testid="signed-out">Nobody is logged in. Open this app from your Portico catalog.</p>`,
    );
  }
  return page(
    200,
    "Sample partner",
    `<h1>Sample partner app</h1>
<p>Logged in as <strong data-testid="signed-in-email">${escapeHtml(session.email)}</strong>.</p>
<p>Your session ends at <span data-testid="session-expires-at">${session.expiresAt.toISOString()}</span> (end of the day in ${escapeHtml(config.timeZone)}).</p>
<p><a href="/logout">Log out</a> · <a href="/webhooks/events">Webhook events received (${webhookEvents.length})</a></p>`,
  );
}

async function logout(request) {
  const id = parseCookies(request.headers.get("cookie") ?? undefined).get(SESSION_COOKIE);
  if (id) sessions.delete(id);
  return new Response(null, {
    status: 303,
    headers: { location: "/", "set-cookie": serializeCookie(SESSION_COOKIE, "", { expires: new Date(0) }) },
  });
}

const json = (status, body) => Response.json(body, { status, headers: { "cache-control": "no-store" } });

async function start() {
  const endpoint = await ensureWebhookEndpoint();
  const webhooks = createWebhookHandler({
    secret: endpoint.secret,
    // With an OAuth2 client configured, Portico must present a token from /oauth/token (webhook contract, OAuth2 v1).
    verifyAuthorization: config.oauthClientId ? issuer.verifyAccessToken : undefined,
    onEvent: (event, delivery) => {
      if (seenWebhookIds.has(delivery.id)) return; // retries repeat the id: handle each event once
      seenWebhookIds.add(delivery.id);
      webhookEvents.unshift({ id: delivery.id, type: event.type, receivedAt: new Date().toISOString(), event });
      webhookEvents.length = Math.min(webhookEvents.length, 100);
      console.log(`sample-partner: webhook ${delivery.id} ${event.type}`);
    },
  });
  const callback = createCallbackHandler({
    apiUser: config.aaUser,
    apiSecret: config.aaSecret,
    // Devices hold tokens from this app's own token endpoint, or listed in AA_ACCESS_TOKENS for demos.
    verifyAccessToken: async ({ accessToken }) =>
      config.aaAccessTokens.includes(accessToken) || (await issuer.verifyAccessToken(accessToken)),
  });

  const routes = {
    "GET /authorize": createAuthorizeHandler({
      serviceId: config.serviceId,
      serviceSecret: config.serviceSecret,
      version: config.version,
    }),
    "GET /logout": logout,
    "POST /webhooks": webhooks,
    "GET /webhooks/events": async () => json(200, { endpoint_id: endpoint.id, data: webhookEvents }),
    "POST /aa-callback": async (request) =>
      config.aaUser ? callback(request) : json(503, { error: "AA_API_USER is not set" }),
    "POST /oauth/token": createTokenEndpointHandler(issuer),
    "GET /health": async () => json(200, { status: "ok" }),
  };

  const handler = toNodeHandler(async (request) => {
    const path = new URL(request.url).pathname;
    const route = routes[`${request.method} ${path}`];
    if (route) return route(request);
    // Any other GET path is the app itself (the service URL may carry a path), so ?services= works everywhere.
    if (request.method === "GET") return (await login(request)) ?? home(request);
    return json(404, { error: "not_found" });
  });

  const server = http.createServer((req, res) => {
    handler(req, res).catch((error) => {
      console.error("sample-partner: request failed", error);
      if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: "internal_error" }));
    });
  });
  await new Promise((resolve) => server.listen(config.port, config.host, resolve));
  console.log(
    `sample-partner: listening on http://${config.host}:${server.address().port} (Portico ${config.porticoUrl}, zone ${config.timeZone}, webhook endpoint ${endpoint.id})`,
  );

  // SIGTERM/SIGINT: stop accepting, let requests in flight finish (at most 10 s), then exit 0.
  for (const signal of ["SIGINT", "SIGTERM"]) {
    process.once(signal, () => {
      console.log(`sample-partner: ${signal}, stopping`);
      const force = setTimeout(() => process.exit(1), 10_000);
      force.unref();
      server.close(() => process.exit(0));
      server.closeIdleConnections();
    });
  }
}

start().catch((error) => {
  console.error(`sample-partner: could not start: ${error.name ?? "Error"} ${error.code ?? ""} ${error.message}`);
  process.exit(1);
});
