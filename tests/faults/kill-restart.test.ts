// Portico SIGKILLed under mixed load (issuance, redemption, webhook events, checks) and restarted, three times: no
// accepted write is lost, no one-time token is redeemed twice, every accepted event reaches the receiver (at least
// once, always with its own webhook-id).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser } from "@/lib/auth/users";
import { getDb } from "@/lib/db/client";
import { grantEntitlement } from "@/lib/login/entitlements";
import { launchService } from "@/lib/login/launch";
import { hashLoginToken } from "@/lib/login/tokens";
import { createPartner, uniqueEmail } from "../support/factories";
import { startLoops, timedFetch } from "../support/fault-load";
import { type PartnerServer, startPartnerServer } from "../support/partner-server";
import { getFreePort, type RunningServer, startPortico } from "../support/server";
import { printReport } from "../support/suite-report";
import { createTestEnv } from "../support/test-env";
import { startWebhookReceiver, type WebhookReceiver } from "../support/webhook-receiver";
import { sleep, waitFor } from "../support/worker-process";

const KILLS = 3;
const REQUEST_BOUND_MS = 20_000;
// Deliveries leased by a killed process are taken over once the lease lapses: short here, with a send timeout below it.
const env = { ...createTestEnv(), PORTICO_WEBHOOK_LEASE_SECONDS: "4", PORTICO_WEBHOOK_TIMEOUT_MS: "2000" };

let server: RunningServer;
let port: number;
let partnerServer: PartnerServer;
let receiver: WebhookReceiver;

beforeAll(async () => {
  port = await getFreePort();
  server = await startPortico({ env, port });
  partnerServer = await startPartnerServer();
  receiver = await startWebhookReceiver();
});

afterAll(async () => {
  await server?.stop();
  await partnerServer?.close();
  await receiver?.close();
});

async function setUpPartner() {
  const partner = await createPartner();
  const call = async (path: string, json?: unknown) => {
    const response = await fetch(`${server.baseUrl}${path}`, {
      method: "POST",
      headers: { authorization: `Bearer ${partner.apiToken}`, "content-type": "application/json" },
      body: json === undefined ? undefined : JSON.stringify(json),
    });
    if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return response.json();
  };
  const service = await call("/api/v1/services", { name: "Under fire", url: `${partnerServer.origin}/app` });
  partnerServer.identities.set(new URL(partnerServer.origin).host, {
    serviceId: service.service_id,
    secret: service.service_secret,
    version: "v1",
  });
  await getDb().service.update({ where: { id: service.id }, data: { state: "published", version: "v1" } });
  const endpoint = await call("/api/v1/webhook-endpoints", { url: receiver.url });
  const email = uniqueEmail("user");
  const user = await createUser({ email, password: "correct horse battery staple", role: "end_user" });
  await grantEntitlement({ email, serviceId: service.id });
  const tokens: string[] = [];
  for (let i = 0; i < 150; i++) {
    const launched = await launchService({ user: { id: user.id, partnerId: null }, serviceId: service.id });
    if (launched.kind !== "redirect") throw new Error("launch refused");
    tokens.push(new URL(launched.location).searchParams.get("services") as string);
  }
  return { partner, service, endpoint, tokens };
}

const randomMobile = () => `+49151${String(Math.floor(Math.random() * 1e8)).padStart(8, "0")}`;

describe("faults: SIGKILL under load", () => {
  it("loses no accepted write, redeems no token twice and delivers every event, across three kills", async () => {
    const { partner, service, endpoint, tokens } = await setUpPartner();
    const auth = { authorization: `Bearer ${partner.apiToken}` };
    const url = (path: string) => `${server.baseUrl}${path}`;
    const seen = { requests: 0, accepted: 0, cutByKill: 0, serverErrors: 0 };
    const accepted = { xids: [] as string[], events: [] as string[], checks: 0 };
    const redemptions = new Map<string, number>();
    let nextToken = 0;

    const record = (status: number) => {
      seen.requests++;
      if (status === 0) seen.cutByKill++;
      if (status >= 200 && status < 300) seen.accepted++;
      if (status >= 500) seen.serverErrors++;
    };
    const issue = async () => {
      const response = await timedFetch(url(`/api/v1/token/${encodeURIComponent(randomMobile())}`), {
        headers: auth,
        boundMs: REQUEST_BOUND_MS,
      });
      record(response.status);
      if (response.status === 200) {
        const payload = JSON.parse(Buffer.from(response.body.split(".")[1] ?? "", "base64url").toString());
        accepted.xids.push(payload.xid);
      } else if (response.status === 0) await sleep(100);
    };
    const redeem = async () => {
      // Each token is raced by two redeemers; now and then an already-spent one is tried again.
      const token = tokens[nextToken++ % tokens.length] as string;
      const answers = await Promise.all(
        [0, 1].map(() => timedFetch(url(`/api/authorization/${token}`), { headers: auth, boundMs: REQUEST_BOUND_MS })),
      );
      for (const answer of answers) {
        record(answer.status);
        if (answer.status === 200) redemptions.set(token, (redemptions.get(token) ?? 0) + 1);
      }
      if (answers.some((answer) => answer.status === 0)) await sleep(100);
    };
    const sendEvent = async () => {
      const response = await timedFetch(url(`/api/v1/webhook-endpoints/${endpoint.id}/test`), {
        method: "POST",
        headers: auth,
        boundMs: REQUEST_BOUND_MS,
      });
      record(response.status);
      if (response.status === 202) accepted.events.push(JSON.parse(response.body).event_id);
      else if (response.status === 0) await sleep(100);
    };
    const check = async () => {
      const response = await timedFetch(url(`/api/v1/services/${service.id}/check`), {
        method: "POST",
        headers: auth,
        boundMs: REQUEST_BOUND_MS,
      });
      record(response.status);
      if (response.status === 200) accepted.checks++;
      else if (response.status === 0) await sleep(100);
    };

    const loops = startLoops([issue, issue, redeem, redeem, sendEvent, check]);
    for (let kill = 0; kill < KILLS; kill++) {
      const before = seen.accepted;
      await waitFor(() => seen.accepted - before >= 40, 120_000, "accepted load before the kill");
      const exited = new Promise((resolve) => server.process.once("exit", resolve));
      server.process.kill("SIGKILL");
      await exited;
      server = await startPortico({ env, port });
    }
    const afterLast = seen.accepted;
    await waitFor(() => seen.accepted - afterLast >= 40, 120_000, "accepted load after the last restart");
    await loops.stop();

    const db = getDb();
    const storedXids = await db.transaction.count({ where: { xid: { in: accepted.xids } } });
    const redeemedTwice = [...redemptions.values()].filter((count) => count > 1).length;
    const redeemedTokens = [...redemptions.keys()];
    const storedRedemptions = await db.loginToken.count({
      where: { tokenHash: { in: redeemedTokens.map(hashLoginToken) }, redeemedAt: { not: null } },
    });
    const storedChecks = await db.serviceCheck.count({ where: { serviceId: service.id } });
    const receivedIds = () => new Set(receiver.received.map((request) => String(request.headers["webhook-id"])));
    await waitFor(
      () => accepted.events.every((id) => receivedIds().has(id)),
      60_000,
      "every accepted event at the receiver",
    ).catch(() => undefined); // counted as lost below
    const delivered = accepted.events.filter((id) => receivedIds().has(id)).length;

    printReport("faults: SIGKILL under load", [
      {
        what: "SIGKILL + restart",
        injected: KILLS,
        accepted: "",
        lost: 0,
        note: `${seen.cutByKill} requests got no answer`,
      },
      {
        what: "JWT issuance",
        injected: "",
        accepted: accepted.xids.length,
        lost: accepted.xids.length - storedXids,
        note: "",
      },
      {
        what: "one-time redemption",
        injected: "",
        accepted: redeemedTokens.length,
        lost: redeemedTokens.length - storedRedemptions + redeemedTwice,
        note: `${redeemedTwice} redeemed twice`,
      },
      {
        what: "webhook events",
        injected: "",
        accepted: accepted.events.length,
        lost: accepted.events.length - delivered,
        note: `${receiver.received.length - receivedIds().size} redeliveries (same id)`,
      },
      {
        what: "checks",
        injected: "",
        accepted: accepted.checks,
        lost: Math.max(0, accepted.checks - storedChecks),
        note: "",
      },
      { what: "5xx answers", injected: "", accepted: "", lost: seen.serverErrors, note: `${seen.requests} requests` },
    ]);

    expect(accepted.xids.length).toBeGreaterThan(0);
    expect(storedXids).toBe(accepted.xids.length);
    expect(redeemedTwice).toBe(0);
    expect(storedRedemptions).toBe(redeemedTokens.length);
    expect(delivered).toBe(accepted.events.length);
    expect(storedChecks).toBeGreaterThanOrEqual(accepted.checks);
    expect(seen.serverErrors).toBe(0);
  });
});
