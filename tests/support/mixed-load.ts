// The mixed load of the fault and cluster suites, and its accounting: a partner with a published service (checked
// against a local partner server), a webhook endpoint at a local receiver and a stock of one-time tokens; steps for
// startLoops (issuance, racing redemptions, webhook test events, on-demand checks) that note what was sent and what
// was accepted; afterwards, what the database and the receiver hold of it. Nothing accepted may be lost.
import { expect } from "vitest";
import { createUser } from "@/lib/auth/users";
import { getDb } from "@/lib/db/client";
import { grantEntitlement } from "@/lib/login/entitlements";
import { launchService } from "@/lib/login/launch";
import { hashLoginToken } from "@/lib/login/tokens";
import { createPartner, uniqueEmail } from "./factories";
import { timedFetch } from "./fault-load";
import type { PartnerServer } from "./partner-server";
import type { ReportRow } from "./suite-report";
import type { WebhookReceiver } from "./webhook-receiver";
import { sleep, waitFor } from "./worker-process";

export type LoadPartner = Awaited<ReturnType<typeof setUpLoadPartner>>;

/** POSTs `json` with the partner's token to `path`; throws unless it succeeds. */
export async function postAsPartner(options: { baseUrl: string; apiToken: string; path: string; json?: unknown }) {
  const response = await fetch(`${options.baseUrl}${options.path}`, {
    method: "POST",
    headers: { authorization: `Bearer ${options.apiToken}`, "content-type": "application/json" },
    body: options.json === undefined ? undefined : JSON.stringify(options.json),
  });
  if (!response.ok) throw new Error(`${options.path}: ${response.status} ${await response.text()}`);
  return response.json();
}

/** A partner with a published service at `partnerServer`'s first origin, an endpoint at `receiver`, and tokens. */
export async function setUpLoadPartner(options: {
  baseUrl: string;
  partnerServer: PartnerServer;
  receiver: WebhookReceiver;
  tokens?: number;
}) {
  const { baseUrl, partnerServer } = options;
  const partner = await createPartner();
  const post = (path: string, json?: unknown) => postAsPartner({ baseUrl, apiToken: partner.apiToken, path, json });
  const service = await post("/api/v1/services", { name: "Under fire", url: `${partnerServer.origin}/app` });
  partnerServer.identities.set(new URL(partnerServer.origin).host, {
    serviceId: service.service_id,
    secret: service.service_secret,
    version: "v1",
  });
  await getDb().service.update({ where: { id: service.id }, data: { state: "published", version: "v1" } });
  const endpoint = await post("/api/v1/webhook-endpoints", { url: options.receiver.url });
  const email = uniqueEmail("user");
  const user = await createUser({ email, password: "correct horse battery staple", role: "end_user" });
  await grantEntitlement({ email, serviceId: service.id });
  const tokens: string[] = [];
  for (let i = 0; i < (options.tokens ?? 150); i++) {
    const launched = await launchService({ user: { id: user.id, partnerId: null }, serviceId: service.id });
    if (launched.kind !== "redirect") throw new Error("launch refused");
    tokens.push(new URL(launched.location).searchParams.get("services") as string);
  }
  return { partner, service, endpoint, tokens };
}

export const randomMobile = () => `+49151${String(Math.floor(Math.random() * 1e8)).padStart(8, "0")}`;

type Kind = "issuance" | "redemption" | "event" | "check";

/**
 * The load's steps and tallies. A request with no answer (status 0: connection cut, or no answer within `boundMs`)
 * pauses its loop for 100 ms, so a loop does not spin while a server is down.
 */
export function createMixedLoad(options: { baseUrl: string; setup: LoadPartner; boundMs: number }) {
  const { setup, boundMs } = options;
  const auth = { authorization: `Bearer ${setup.partner.apiToken}` };
  const url = (path: string) => `${options.baseUrl}${path}`;
  const seen = { requests: 0, accepted: 0, unanswered: 0, serverErrors: 0 };
  const sent: Record<Kind, number> = { issuance: 0, redemption: 0, event: 0, check: 0 };
  const accepted = { xids: [] as string[], events: [] as string[], checks: 0 };
  const redemptions = new Map<string, number>();
  let nextToken = 0;

  const record = (kind: Kind, status: number) => {
    sent[kind]++;
    seen.requests++;
    if (status === 0) seen.unanswered++;
    if (status >= 200 && status < 300) seen.accepted++;
    if (status >= 500) seen.serverErrors++;
  };
  const pauseIfUnanswered = (statuses: number[]) => (statuses.includes(0) ? sleep(100) : undefined);

  const issue = async () => {
    const response = await timedFetch(url(`/api/v1/token/${encodeURIComponent(randomMobile())}`), {
      headers: auth,
      boundMs,
    });
    record("issuance", response.status);
    if (response.status === 200) {
      const payload = JSON.parse(Buffer.from(response.body.split(".")[1] ?? "", "base64url").toString());
      accepted.xids.push(payload.xid);
    }
    await pauseIfUnanswered([response.status]);
  };
  const redeem = async () => {
    // Each token is raced by two redeemers; now and then an already-spent one is tried again.
    const token = setup.tokens[nextToken++ % setup.tokens.length] as string;
    const answers = await Promise.all(
      [0, 1].map(() => timedFetch(url(`/api/authorization/${token}`), { headers: auth, boundMs })),
    );
    for (const answer of answers) {
      record("redemption", answer.status);
      if (answer.status === 200) redemptions.set(token, (redemptions.get(token) ?? 0) + 1);
    }
    await pauseIfUnanswered(answers.map((answer) => answer.status));
  };
  const sendEvent = async () => {
    const response = await timedFetch(url(`/api/v1/webhook-endpoints/${setup.endpoint.id}/test`), {
      method: "POST",
      headers: auth,
      boundMs,
    });
    record("event", response.status);
    if (response.status === 202) accepted.events.push(JSON.parse(response.body).event_id);
    await pauseIfUnanswered([response.status]);
  };
  const check = async () => {
    const response = await timedFetch(url(`/api/v1/services/${setup.service.id}/check`), {
      method: "POST",
      headers: auth,
      boundMs,
    });
    record("check", response.status);
    if (response.status === 200) accepted.checks++;
    await pauseIfUnanswered([response.status]);
  };

  return { steps: [issue, issue, redeem, redeem, sendEvent, check], seen, sent, accepted, redemptions };
}

export type MixedLoad = ReturnType<typeof createMixedLoad>;

/**
 * What the database and the receiver hold of what was accepted (waiting up to `deliveryWaitMs` for deliveries), as
 * report rows (what, sent, accepted, lost, note) and the counts `expectNothingLost` checks.
 */
export async function accountMixedLoad(options: {
  load: MixedLoad;
  setup: LoadPartner;
  receiver: WebhookReceiver;
  deliveryWaitMs: number;
}) {
  const { load, setup, receiver } = options;
  const db = getDb();
  const storedXids = await db.transaction.count({ where: { xid: { in: load.accepted.xids } } });
  const redeemedTwice = [...load.redemptions.values()].filter((count) => count > 1).length;
  const redeemedTokens = [...load.redemptions.keys()];
  const storedRedemptions = await db.loginToken.count({
    where: { tokenHash: { in: redeemedTokens.map(hashLoginToken) }, redeemedAt: { not: null } },
  });
  const storedChecks = await db.serviceCheck.count({ where: { serviceId: setup.service.id } });
  const receivedIds = () => new Set(receiver.received.map((request) => String(request.headers["webhook-id"])));
  await waitFor(
    () => load.accepted.events.every((id) => receivedIds().has(id)),
    options.deliveryWaitMs,
    "every accepted event at the receiver",
  ).catch(() => undefined); // counted as lost below
  const delivered = load.accepted.events.filter((id) => receivedIds().has(id)).length;
  const counts = {
    issued: load.accepted.xids.length,
    storedXids,
    redeemed: redeemedTokens.length,
    storedRedemptions,
    redeemedTwice,
    events: load.accepted.events.length,
    delivered,
    checks: load.accepted.checks,
    storedChecks,
    serverErrors: load.seen.serverErrors,
  };
  const rows: ReportRow[] = [
    {
      what: "JWT issuance",
      sent: load.sent.issuance,
      accepted: counts.issued,
      lost: counts.issued - storedXids,
      note: "",
    },
    {
      what: "one-time redemption",
      sent: load.sent.redemption,
      accepted: counts.redeemed,
      lost: counts.redeemed - storedRedemptions + redeemedTwice,
      note: `${redeemedTwice} redeemed twice`,
    },
    {
      what: "webhook events",
      sent: load.sent.event,
      accepted: counts.events,
      lost: counts.events - delivered,
      note: `${receiver.received.length - receivedIds().size} redeliveries (same id)`,
    },
    {
      what: "on-demand checks",
      sent: load.sent.check,
      accepted: counts.checks,
      lost: Math.max(0, counts.checks - storedChecks),
      note: "",
    },
    {
      what: "5xx answers",
      sent: load.seen.requests,
      accepted: "",
      lost: counts.serverErrors,
      note: `${load.seen.unanswered} requests got no answer`,
    },
  ];
  return { rows, counts };
}

/** Every accepted write is stored, no token was redeemed twice, every accepted event arrived, no 5xx. */
export function expectNothingLost(counts: Awaited<ReturnType<typeof accountMixedLoad>>["counts"]): void {
  expect(counts.issued).toBeGreaterThan(0);
  expect(counts.storedXids).toBe(counts.issued);
  expect(counts.redeemedTwice).toBe(0);
  expect(counts.storedRedemptions).toBe(counts.redeemed);
  expect(counts.delivered).toBe(counts.events);
  expect(counts.storedChecks).toBeGreaterThanOrEqual(counts.checks);
  expect(counts.serverErrors).toBe(0);
}
