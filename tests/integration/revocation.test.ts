// Issue 13 item 1: a revoked API token or a rejected partner is refused by every route — the hot routes that serve
// token lookups from memory included — on every instance within 1 s. Two Portico servers share the run's database;
// the revocation is committed by a third process (this test worker), as another instance would.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { reviewPartner } from "@/lib/partners/partners";
import { createPartner, revokeApiToken } from "../support/factories";
import { type RunningServer, startPortico } from "../support/server";
import { createTestEnv } from "../support/test-env";

const PHONE = "+14155552671";
const PROPAGATION_BOUND_MS = 1_000;

let second: RunningServer;
beforeAll(async () => {
  second = await startPortico({
    env: { ...createTestEnv(), PORTICO_DISABLE_SCHEDULER: "1", PORTICO_DISABLE_WORKERS: "1" },
  });
});
afterAll(async () => {
  await second?.stop();
});

type Probe = (baseUrl: string, apiToken: string) => Promise<Response>;

// Every route that serves its token lookup from memory, plus one that never did.
const PROBES: Record<string, Probe> = {
  issuance: (baseUrl, apiToken) =>
    fetch(`${baseUrl}/api/v1/token/${encodeURIComponent(PHONE)}`, { headers: { authorization: `Bearer ${apiToken}` } }),
  transactions: (baseUrl, apiToken) =>
    fetch(`${baseUrl}/api/v1/transactions/no-such-xid`, { headers: { authorization: `Bearer ${apiToken}` } }),
  verification: (baseUrl, apiToken) =>
    fetch(`${baseUrl}/api/v1/token/verify`, {
      method: "POST",
      headers: { authorization: `Bearer ${apiToken}`, "content-type": "application/json" },
      body: JSON.stringify({ token: "not.a.jwt" }),
    }),
  redemption: (baseUrl, apiToken) =>
    fetch(`${baseUrl}/api/authorization/no-such-token`, { headers: { authorization: `Bearer ${apiToken}` } }),
  services: (baseUrl, apiToken) =>
    fetch(`${baseUrl}/api/v1/services`, { headers: { authorization: `Bearer ${apiToken}` } }),
};

/** Calls every probe on both servers (filling their caches) and checks none answers `status`. */
async function warmUp(apiToken: string, refusedStatus: number) {
  for (const baseUrl of [inject("baseUrl"), second.baseUrl]) {
    for (const [name, probe] of Object.entries(PROBES)) {
      const response = await probe(baseUrl, apiToken);
      expect(response.status, `${name} on ${baseUrl} before revocation`).not.toBe(refusedStatus);
    }
  }
}

/** Milliseconds until every probe on both servers answers `status`, polling each as fast as it answers. */
async function timeUntilRefusedEverywhere(apiToken: string, refusedStatus: number, since: number) {
  const lastAccepted: Record<string, number> = {};
  await Promise.all(
    [inject("baseUrl"), second.baseUrl].flatMap((baseUrl) =>
      Object.entries(PROBES).map(async ([name, probe]) => {
        for (;;) {
          const startedAt = Date.now();
          const response = await probe(baseUrl, apiToken);
          if (response.status === refusedStatus) return;
          lastAccepted[`${name} on ${baseUrl}`] = startedAt - since;
          if (Date.now() - since > 10_000) return;
        }
      }),
    ),
  );
  return lastAccepted;
}

describe("revocation reaches every route on every instance within 1 s", () => {
  it("a revoked API token is refused (401) by every route of both servers", async () => {
    const partner = await createPartner();
    await warmUp(partner.apiToken, 401);
    const revokedAt = Date.now();
    await revokeApiToken({ partnerId: partner.partnerId, tokenId: partner.apiTokenId });
    const acceptedAfter = await timeUntilRefusedEverywhere(partner.apiToken, 401, revokedAt);
    // Requests that started more than the bound after the commit must all have been refused.
    const late = Object.entries(acceptedAfter).filter(([, ms]) => ms > PROPAGATION_BOUND_MS);
    expect(late, JSON.stringify(acceptedAfter)).toEqual([]);
  });

  it("a rejected partner's token is refused (403) by every route of both servers", async () => {
    const partner = await createPartner();
    await warmUp(partner.apiToken, 403);
    const rejectedAt = Date.now();
    await reviewPartner({ partnerId: partner.partnerId, decision: "rejected" });
    const acceptedAfter = await timeUntilRefusedEverywhere(partner.apiToken, 403, rejectedAt);
    const late = Object.entries(acceptedAfter).filter(([, ms]) => ms > PROPAGATION_BOUND_MS);
    expect(late, JSON.stringify(acceptedAfter)).toEqual([]);
  });
});
