// Partner endpoints that hang, trickle one byte a second, answer 100 MB, reset, or redirect in loops: a healthy
// partner's checks and webhook deliveries are delayed by at most one timeout meanwhile, and Portico's memory stays
// bounded (the 100 MB answer is never buffered).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHECK_TIMEOUT_MS } from "@/lib/services/checks";
import { createPartner } from "../support/factories";
import { readRssMb, timedFetch } from "../support/fault-load";
import { type HostileEndpoint, type Hostility, startHostileEndpoint } from "../support/hostile-endpoint";
import { type PartnerServer, startPartnerServer } from "../support/partner-server";
import { type RunningServer, startPortico } from "../support/server";
import { printReport } from "../support/suite-report";
import { createTestEnv } from "../support/test-env";
import { startWebhookReceiver, type WebhookReceiver } from "../support/webhook-receiver";
import { waitFor } from "../support/worker-process";

const HOSTILITIES: Hostility[] = ["hang", "trickle", "huge", "reset", "redirect-loop"];
const ROUNDS = 3;
const WEBHOOK_TIMEOUT_MS = 3000;
const MEMORY_BOUND_MB = 150;
const env = {
  ...createTestEnv(),
  PORTICO_WEBHOOK_TIMEOUT_MS: String(WEBHOOK_TIMEOUT_MS),
  PORTICO_WEBHOOK_LEASE_SECONDS: "10",
};

let server: RunningServer;
let healthyPartner: PartnerServer;
let receiver: WebhookReceiver;
const hostile = new Map<Hostility, HostileEndpoint>();

beforeAll(async () => {
  server = await startPortico({ env });
  healthyPartner = await startPartnerServer();
  receiver = await startWebhookReceiver();
  for (const hostility of HOSTILITIES) hostile.set(hostility, await startHostileEndpoint(hostility));
});

afterAll(async () => {
  await server?.stop();
  await healthyPartner?.close();
  await receiver?.close();
  for (const endpoint of hostile.values()) await endpoint.close();
});

describe("faults: hostile partner endpoints", () => {
  it("delays a healthy partner's checks and deliveries by at most one timeout, with memory bounded", async () => {
    const partner = await createPartner();
    const auth = { authorization: `Bearer ${partner.apiToken}`, "content-type": "application/json" };
    const post = async (path: string, json?: unknown) => {
      const response = await fetch(`${server.baseUrl}${path}`, {
        method: "POST",
        headers: auth,
        body: json === undefined ? undefined : JSON.stringify(json),
      });
      return { status: response.status, body: await response.json() };
    };
    const healthyService = (await post("/api/v1/services", { name: "Healthy", url: `${healthyPartner.origin}/app` }))
      .body;
    healthyPartner.identities.set(new URL(healthyPartner.origin).host, {
      serviceId: healthyService.service_id,
      secret: healthyService.service_secret,
      version: "v1",
    });
    const healthyEndpoint = (await post("/api/v1/webhook-endpoints", { url: receiver.url })).body;
    const targets = [] as { hostility: Hostility; serviceId: string; endpointId: string }[];
    for (const [hostility, endpoint] of hostile) {
      const service = (await post("/api/v1/services", { name: hostility, url: `${endpoint.origin}/app` })).body;
      const hook = (await post("/api/v1/webhook-endpoints", { url: `${endpoint.origin}/hooks` })).body;
      targets.push({ hostility, serviceId: service.id, endpointId: hook.id });
    }

    const timeHealthyCheck = async () => {
      const check = await timedFetch(`${server.baseUrl}/api/v1/services/${healthyService.id}/check`, {
        method: "POST",
        headers: auth,
        boundMs: 60_000,
      });
      return check.status === 200 ? check.ms : Number.POSITIVE_INFINITY;
    };
    const timeHealthyDelivery = async () => {
      const sentAt = Date.now();
      const event = await post(`/api/v1/webhook-endpoints/${healthyEndpoint.id}/test`);
      const received = await waitFor(
        () => receiver.received.find((request) => request.headers["webhook-id"] === event.body.event_id),
        60_000,
        "the healthy partner's delivery",
      ).catch(() => undefined);
      return received ? received.receivedAt - sentAt : Number.POSITIVE_INFINITY;
    };
    // Undisturbed latencies on this machine (it may be busy), then the memory baseline.
    const quietCheckMs = Math.max(await timeHealthyCheck(), await timeHealthyCheck());
    const quietDeliveryMs = Math.max(await timeHealthyDelivery(), await timeHealthyDelivery());
    const baselineMb = await readRssMb(server.process.pid);
    let peakMb = baselineMb;
    const sampler = setInterval(async () => {
      peakMb = Math.max(peakMb, await readRssMb(server.process.pid));
    }, 250);

    const healthyCheckMs: number[] = [];
    const healthyDeliveryMs: number[] = [];
    const serverErrors: string[] = [];
    const hostileCalls: Promise<unknown>[] = [];
    try {
      for (let round = 0; round < ROUNDS; round++) {
        for (const target of targets) {
          for (let i = 0; i < 2; i++) {
            hostileCalls.push(
              timedFetch(`${server.baseUrl}/api/v1/services/${target.serviceId}/check`, {
                method: "POST",
                headers: auth,
                boundMs: 60_000,
              }).then((answer) => {
                if (answer.status === 0 || answer.status >= 500) {
                  serverErrors.push(`check of ${target.hostility}: ${answer.status} ${answer.error ?? answer.body}`);
                }
              }),
            );
          }
          hostileCalls.push(post(`/api/v1/webhook-endpoints/${target.endpointId}/test`));
        }
        // While those are stuck on the hostile partners: the healthy partner's check and delivery.
        healthyCheckMs.push(await timeHealthyCheck());
        healthyDeliveryMs.push(await timeHealthyDelivery());
      }
      await Promise.all(hostileCalls);
      await waitFor(
        () => [...hostile.values()].every((endpoint) => endpoint.requests() > ROUNDS),
        60_000,
        "deliveries to the hostile partners",
      );
    } finally {
      clearInterval(sampler);
    }

    // "Delayed by at most one timeout": the undisturbed latency plus one timeout of the kind.
    const checkBoundMs = quietCheckMs + CHECK_TIMEOUT_MS;
    const deliveryBoundMs = quietDeliveryMs + WEBHOOK_TIMEOUT_MS;
    printReport("faults: hostile partner endpoints", [
      ...HOSTILITIES.map((hostility) => ({
        what: `partner that ${hostility === "redirect-loop" ? "redirects in a loop" : hostility === "huge" ? "answers 100 MB" : `${hostility}s`}`,
        injected: hostile.get(hostility)?.requests() ?? 0,
        lost: 0,
        note: "",
      })),
      {
        what: "healthy partner's checks",
        injected: "",
        lost: healthyCheckMs.filter((ms) => ms > checkBoundMs).length,
        note: `slowest ${Math.max(...healthyCheckMs)} ms (quiet ${quietCheckMs} + ${CHECK_TIMEOUT_MS} ms)`,
      },
      {
        what: "healthy partner's deliveries",
        injected: "",
        lost: healthyDeliveryMs.filter((ms) => ms > deliveryBoundMs).length,
        note: `slowest ${Math.max(...healthyDeliveryMs)} ms (quiet ${quietDeliveryMs} + ${WEBHOOK_TIMEOUT_MS} ms)`,
      },
      {
        what: "server memory",
        injected: "",
        lost: peakMb - baselineMb > MEMORY_BOUND_MB ? 1 : 0,
        note: `RSS ${baselineMb} → peak ${peakMb} MB (bound +${MEMORY_BOUND_MB} MB)`,
      },
      { what: "5xx or hung answers", injected: "", lost: serverErrors.length, note: "" },
    ]);

    expect(serverErrors).toEqual([]);
    expect(Math.max(...healthyCheckMs)).toBeLessThanOrEqual(checkBoundMs);
    expect(Math.max(...healthyDeliveryMs)).toBeLessThanOrEqual(deliveryBoundMs);
    expect(peakMb - baselineMb).toBeLessThanOrEqual(MEMORY_BOUND_MB);
  });
});
