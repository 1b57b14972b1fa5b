// `npm run test:cluster` (PostgreSQL): three Portico servers and one `npm run worker` on one database, behind a
// round-robin load balancer on loopback, under mixed load; one server is SIGKILLed mid-run and restarted on its port.
// Every accepted write is stored, no one-time token is redeemed twice, every accepted event arrives (at least once,
// under its own webhook-id), scheduled checks go on throughout, and a per-partner issuance limit of N a minute lets
// exactly N through across the three servers.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { createPartner } from "../support/factories";
import { startLoops, timedFetch } from "../support/fault-load";
import {
  accountMixedLoad,
  createMixedLoad,
  expectNothingLost,
  type LoadPartner,
  postAsPartner,
  randomMobile,
  setUpLoadPartner,
} from "../support/mixed-load";
import { type PartnerServer, startPartnerServer } from "../support/partner-server";
import { type RoundRobinProxy, startRoundRobinProxy } from "../support/round-robin-proxy";
import { getFreePort, type RunningServer, startPortico } from "../support/server";
import { printReport } from "../support/suite-report";
import { createTestEnv, getTestDatabase, QUIET_LOOPS } from "../support/test-env";
import { startWebhookReceiver, type WebhookReceiver } from "../support/webhook-receiver";
import { startWorkerProcess, stopWorkerProcess, type WorkerProcess, waitFor } from "../support/worker-process";

const SERVERS = 3;
const REQUEST_BOUND_MS = 20_000;
/** The limited partner's issuances a minute; the burst sends three times as many. */
const RATE_LIMIT = 20;
const env = createTestEnv();
// As in production: the web servers leave the background loops to the worker.
const serverEnv = { ...env, ...QUIET_LOOPS };

/** A second service of the partner, at `origin`, checked by the worker every second. */
async function scheduleFrequentChecks(options: { baseUrl: string; setup: LoadPartner; partnerServer: PartnerServer }) {
  const origin = options.partnerServer.origins[1] as string;
  const service = await postAsPartner({
    baseUrl: options.baseUrl,
    apiToken: options.setup.partner.apiToken,
    path: "/api/v1/services",
    json: { name: "Scheduled", url: `${origin}/app` },
  });
  options.partnerServer.identities.set(new URL(origin).host, {
    serviceId: service.service_id,
    secret: service.service_secret,
    version: "v1",
  });
  // Past the first-check grace period, due now, every second (the API's minimum is 30 s).
  await getDb().service.update({
    where: { id: service.id },
    data: { checkIntervalSeconds: 1, nextCheckAt: new Date(), createdAt: new Date(Date.now() - 3600_000) },
  });
  return service.id as string;
}

/** 3 × RATE_LIMIT issuances at once, through the balancer, for a fresh partner limited to RATE_LIMIT a minute. */
async function burstAgainstLimit(baseUrl: string) {
  const partner = await createPartner();
  await getDb().partner.update({ where: { id: partner.partnerId }, data: { tokenRateLimitPerMinute: RATE_LIMIT } });
  const statuses = await Promise.all(
    Array.from({ length: 3 * RATE_LIMIT }, async () => {
      const url = `${baseUrl}/api/v1/token/${encodeURIComponent(randomMobile())}`;
      const headers = { authorization: `Bearer ${partner.apiToken}` };
      return (await timedFetch(url, { headers, boundMs: REQUEST_BOUND_MS })).status;
    }),
  );
  const count = (status: number) => statuses.filter((value) => value === status).length;
  return { sent: statuses.length, accepted: count(200), refused: count(429) };
}

/** The worker's checks of `serviceId` between `from` and `to`: how many, how many after `since`, the longest gap. */
async function readScheduledChecks(options: { serviceId: string; from: Date; to: Date; since: Date }) {
  const rows = await getDb().serviceCheck.findMany({
    where: { serviceId: options.serviceId, checkedAt: { gte: options.from } },
    orderBy: { checkedAt: "asc" },
    select: { checkedAt: true },
  });
  const times = [options.from, ...rows.map((row) => row.checkedAt), options.to].map((at) => at.getTime());
  const gaps = times.slice(1).map((at, index) => at - (times[index] as number));
  return {
    count: rows.length,
    afterKill: rows.filter((row) => row.checkedAt >= options.since).length,
    longestGapMs: Math.max(...gaps),
  };
}

describe.skipIf(getTestDatabase() !== "postgresql")("cluster: three servers and a worker on PostgreSQL", () => {
  const servers: RunningServer[] = [];
  const ports: number[] = [];
  let worker: WorkerProcess | undefined;
  let proxy: RoundRobinProxy | undefined;
  let partnerServer: PartnerServer | undefined;
  let receiver: WebhookReceiver | undefined;

  beforeAll(async () => {
    for (let i = 0; i < SERVERS; i++) ports.push(await getFreePort());
    servers.push(...(await Promise.all(ports.map((port) => startPortico({ env: serverEnv, port })))));
    worker = await startWorkerProcess({ env: { ...env, PORTICO_SCHEDULER_IDLE_MS: "100" }, timeoutMs: 60_000 });
    proxy = await startRoundRobinProxy(ports);
    partnerServer = await startPartnerServer({ ports: 2 });
    receiver = await startWebhookReceiver();
  });

  afterAll(async () => {
    await Promise.all(servers.map((server) => server.stop()));
    if (worker) await stopWorkerProcess(worker);
    await proxy?.close();
    await partnerServer?.close();
    await receiver?.close();
  });

  it("loses nothing when a server is SIGKILLed and restarted, keeps checks running and shares rate limits", async () => {
    if (!proxy || !partnerServer || !receiver) throw new Error("set-up failed");
    const baseUrl = proxy.url;
    const setup = await setUpLoadPartner({ baseUrl, partnerServer, receiver });
    const scheduledServiceId = await scheduleFrequentChecks({ baseUrl, setup, partnerServer });
    const load = createMixedLoad({ baseUrl, setup, boundMs: REQUEST_BOUND_MS });
    const startedAt = new Date();
    const loops = startLoops(load.steps);
    const acceptedSince = async (what: string, count: number, also: () => boolean = () => true) => {
      const before = load.seen.accepted;
      await waitFor(() => load.seen.accepted - before >= count && also(), 120_000, what);
    };

    await acceptedSince("accepted load on three servers", 100);
    const limited = await burstAgainstLimit(baseUrl);
    await acceptedSince("accepted load after the burst", 20);

    const victim = servers[1] as RunningServer;
    const exited = new Promise((resolve) => victim.process.once("exit", resolve));
    victim.process.kill("SIGKILL");
    await exited;
    const killedAt = new Date();
    await acceptedSince("accepted load while a server is down", 60);
    servers[1] = await startPortico({ env: serverEnv, port: ports[1] as number });
    const answeredByRestarted = proxy.answered[1] as number;
    await acceptedSince("accepted load after the restart", 100, () => (proxy?.answered[1] ?? 0) > answeredByRestarted);
    await loops.stop();

    const { rows, counts } = await accountMixedLoad({ load, setup, receiver, deliveryWaitMs: 60_000 });
    const checks = await readScheduledChecks({
      serviceId: scheduledServiceId,
      from: startedAt,
      to: new Date(),
      since: killedAt,
    });
    printReport("cluster: 3 servers + 1 worker on PostgreSQL behind a round-robin balancer", [
      {
        what: "SIGKILL + restart",
        sent: 1,
        accepted: "",
        lost: 0,
        note: `answers per server: ${proxy.answered.join(" / ")}`,
      },
      ...rows,
      {
        what: `issuance over a ${RATE_LIMIT}/min limit`,
        sent: limited.sent,
        accepted: limited.accepted,
        lost: Math.max(0, limited.accepted - RATE_LIMIT),
        note: `${limited.refused} refused (429); "lost" = let through over the limit`,
      },
      {
        what: "scheduled checks (worker)",
        sent: "",
        accepted: checks.count,
        lost: 0,
        note: `${checks.afterKill} after the kill; longest gap ${(checks.longestGapMs / 1000).toFixed(1)} s`,
      },
    ]);
    expectNothingLost(counts);
    expect(limited).toMatchObject({ accepted: RATE_LIMIT, refused: 2 * RATE_LIMIT });
    expect(checks.afterKill).toBeGreaterThan(0);
    expect(checks.longestGapMs).toBeLessThan(10_000);
  });
});
