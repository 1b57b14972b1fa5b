import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { signServiceTimestamp } from "../src/authorize.js";
import {
  createAuthorizeHandler,
  createCallbackHandler,
  createTokenEndpointHandler,
  createWebhookHandler,
} from "../src/handlers.js";
import { type NodeHandler, toNodeHandler } from "../src/node.js";
import { createClientCredentialsIssuer } from "../src/oauth.js";
import { signWebhook } from "../src/webhooks.js";

let server: http.Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

async function serve(fetchHandler: (request: Request) => Promise<Response>): Promise<string> {
  const handler: NodeHandler = toNodeHandler(fetchHandler);
  server = http.createServer((req, res) => void handler(req, res));
  await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe("node:http adapters", () => {
  it("/authorize answers a signature Portico accepts", async () => {
    const url = await serve(createAuthorizeHandler({ serviceId: "sid", serviceSecret: "sec", version: () => "v42" }));
    const body = (await (await fetch(`${url}/authorize`)).json()) as {
      timestamp: number;
      service_signature: string;
      version: string;
    };
    expect(Math.abs(body.timestamp - Date.now() / 1000)).toBeLessThan(5);
    expect(body.service_signature).toBe(signServiceTimestamp("sid", "sec", body.timestamp));
    expect(body.version).toBe("v42");
  });

  it("the A&A callback answers 200 or 401", async () => {
    const url = await serve(
      createCallbackHandler({
        apiUser: "u",
        apiSecret: "p",
        verifyAccessToken: ({ accessToken }) => accessToken === "ok",
      }),
    );
    const post = (access_token: string) =>
      fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ api_user: "u", api_secret: "p", access_token, token_type: "Bearer" }),
      });
    expect((await post("ok")).status).toBe(200);
    expect((await post("ko")).status).toBe(401);
  });

  it("the webhook receiver checks the OAuth2 bearer and the signature before handing over the event", async () => {
    const issuer = createClientCredentialsIssuer({ clients: { portico: "s" } });
    const events: unknown[] = [];
    const secret = `whsec_${Buffer.from("0123456789abcdef0123456789abcdef").toString("base64")}`;
    const url = await serve(
      createWebhookHandler({
        secret,
        onEvent: (event) => void events.push(event),
        verifyAuthorization: issuer.verifyAccessToken,
      }),
    );
    const tokenUrl = await (async () => {
      const first = server;
      const other = http.createServer((req, res) => void toNodeHandler(createTokenEndpointHandler(issuer))(req, res));
      await new Promise<void>((resolve) => other.listen(0, "127.0.0.1", resolve));
      server = first;
      return { url: `http://127.0.0.1:${(other.address() as AddressInfo).port}`, close: () => other.close() };
    })();
    const tokenResponse = await fetch(tokenUrl.url, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "grant_type=client_credentials&client_id=portico&client_secret=s",
    });
    const { access_token } = (await tokenResponse.json()) as { access_token: string };
    tokenUrl.close();

    const body = JSON.stringify({ id: "evt_1", type: "login.redeemed", created_at: "now", data: {} });
    const timestamp = Math.floor(Date.now() / 1000);
    const signed = {
      "webhook-id": "evt_1",
      "webhook-timestamp": String(timestamp),
      "webhook-signature": signWebhook({ secret, id: "evt_1", timestamp, body }),
    };
    const send = (headers: Record<string, string>, payload = body) =>
      fetch(url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: payload });

    expect((await send(signed)).status).toBe(401); // no bearer
    expect((await send({ ...signed, authorization: `Bearer ${access_token}` }, `${body} `)).status).toBe(400); // tampered
    expect((await send({ ...signed, authorization: `Bearer ${access_token}` })).status).toBe(204);
    expect(events).toEqual([{ id: "evt_1", type: "login.redeemed", created_at: "now", data: {} }]);
  });
});
