// The server processes of one `npm start` (PORTICO_WEB_CONCURRENCY=2) answer as one server: a per-partner issuance
// limit of N a minute lets N through across both (kept by the primary on SQLite, in the database on PostgreSQL), and
// an API token is refused by both as soon as its revocation has been answered (not within the 1 s between instances).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { createPartner } from "../support/factories";
import { type RunningServer, startPortico } from "../support/server";
import { createTestEnv, QUIET_LOOPS } from "../support/test-env";

const LIMIT = 10;
const REQUESTS = 40;

let server: RunningServer;
beforeAll(async () => {
  server = await startPortico({ env: { ...createTestEnv(), ...QUIET_LOOPS }, processes: 2 });
}, 90_000);
afterAll(async () => {
  await server?.stop();
});

/** `count` requests at once (concurrent requests open their own connections, which the primary deals out in turn). */
async function burst(count: number, request: (index: number) => Promise<Response>): Promise<Record<number, number>> {
  const responses = await Promise.all(Array.from({ length: count }, (_, index) => request(index)));
  const statuses: Record<number, number> = {};
  for (const response of responses) {
    await response.arrayBuffer();
    statuses[response.status] = (statuses[response.status] ?? 0) + 1;
  }
  return statuses;
}

describe("several server processes on one port", () => {
  it("a partner's issuance limit of N a minute lets exactly N through across both processes", async () => {
    const partner = await createPartner();
    await getDb().partner.update({ where: { id: partner.partnerId }, data: { tokenRateLimitPerMinute: LIMIT } });
    const statuses = await burst(REQUESTS, (index) =>
      fetch(`${server.baseUrl}/api/v1/token/${encodeURIComponent(`+49151${String(10_000_000 + index)}`)}`, {
        headers: { authorization: `Bearer ${partner.apiToken}` },
      }),
    );
    expect(statuses).toEqual({ 200: LIMIT, 429: REQUESTS - LIMIT });
  });

  it("a revoked API token is refused by every process once the revocation has answered", async () => {
    const partner = await createPartner();
    const owner = { authorization: `Bearer ${partner.apiToken}`, "content-type": "application/json" };
    const created = await fetch(`${server.baseUrl}/api/v1/api-tokens`, {
      method: "POST",
      headers: owner,
      body: JSON.stringify({ name: "revoked soon" }),
    });
    expect(created.status).toBe(201);
    const token = (await created.json()) as { id: string; token: string };
    // A route that serves its token lookup from memory: 404 for an unknown transaction while the token counts.
    const probe = () =>
      fetch(`${server.baseUrl}/api/v1/transactions/no-such-xid`, {
        headers: { authorization: `Bearer ${token.token}` },
      });
    expect(await burst(20, probe)).toEqual({ 404: 20 });

    const revoked = await fetch(`${server.baseUrl}/api/v1/api-tokens/${token.id}`, {
      method: "DELETE",
      headers: owner,
    });
    expect(revoked.status).toBe(204);
    expect(await burst(20, probe)).toEqual({ 401: 20 });
  });
});
