// Portico SIGKILLed under mixed load (issuance, redemption, webhook events, checks) and restarted, three times: no
// accepted write is lost, no one-time token is redeemed twice, every accepted event reaches the receiver (at least
// once, always with its own webhook-id).
import { afterAll, beforeAll, describe, it } from "vitest";
import { startLoops } from "../support/fault-load";
import { accountMixedLoad, createMixedLoad, expectNothingLost, setUpLoadPartner } from "../support/mixed-load";
import { type PartnerServer, startPartnerServer } from "../support/partner-server";
import { getFreePort, type RunningServer, startPortico } from "../support/server";
import { printReport } from "../support/suite-report";
import { createTestEnv } from "../support/test-env";
import { startWebhookReceiver, type WebhookReceiver } from "../support/webhook-receiver";
import { waitFor } from "../support/worker-process";

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

describe("faults: SIGKILL under load", () => {
  it("loses no accepted write, redeems no token twice and delivers every event, across three kills", async () => {
    const setup = await setUpLoadPartner({ baseUrl: server.baseUrl, partnerServer, receiver });
    const load = createMixedLoad({ baseUrl: server.baseUrl, setup, boundMs: REQUEST_BOUND_MS });
    const loops = startLoops(load.steps);
    for (let kill = 0; kill < KILLS; kill++) {
      const before = load.seen.accepted;
      await waitFor(() => load.seen.accepted - before >= 40, 120_000, "accepted load before the kill");
      const exited = new Promise((resolve) => server.process.once("exit", resolve));
      server.process.kill("SIGKILL");
      await exited;
      server = await startPortico({ env, port });
    }
    const afterLast = load.seen.accepted;
    await waitFor(() => load.seen.accepted - afterLast >= 40, 120_000, "accepted load after the last restart");
    await loops.stop();

    const { rows, counts } = await accountMixedLoad({ load, setup, receiver, deliveryWaitMs: 60_000 });
    printReport("faults: SIGKILL under load", [
      { what: "SIGKILL + restart", sent: KILLS, accepted: "", lost: 0, note: "" },
      ...rows,
    ]);
    expectNothingLost(counts);
  });
});
