// The sample partner app as an outside app runs it: copied out of the repository, the SDK installed from its packed
// tarball, started with plain `node` against the real Portico, then stopped with SIGTERM.
import { type ChildProcess, spawn } from "node:child_process";
import { rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createPorticoClient, type PorticoClient } from "@/sdk/src/index";
import { createPartner } from "../support/factories";
import { installSamplePartnerApp } from "../support/sample-partner-app";
import { getFreePort } from "../support/server";

let app: string;
let child: ChildProcess | undefined;
let output = "";
let client: PorticoClient;
let origin: string;

async function waitFor<T>(read: () => Promise<T> | T, done: (value: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

beforeAll(async () => {
  app = installSamplePartnerApp();

  const partner = await createPartner({ timeZone: "Europe/Paris" });
  client = createPorticoClient({ baseUrl: inject("baseUrl"), apiToken: partner.apiToken });
  const port = await getFreePort();
  origin = `http://127.0.0.1:${port}`;
  const service = await client.services.create({ name: "Sample partner", url: `${origin}/` });
  const started = spawn(process.execPath, ["server.mjs"], {
    cwd: app,
    env: {
      NODE_ENV: "production",
      PATH: process.env.PATH ?? "",
      PORTICO_URL: inject("baseUrl"),
      PORTICO_API_TOKEN: partner.apiToken,
      SERVICE_ID: service.service_id,
      SERVICE_SECRET: service.service_secret,
      PARTNER_TIME_ZONE: "Europe/Paris",
      PORT: String(port),
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child = started;
  started.stdout?.on("data", (chunk) => (output += chunk));
  started.stderr?.on("data", (chunk) => (output += chunk));
  await waitFor(
    () => output,
    (text) => text.includes("listening on") || started.exitCode !== null,
  );
  if (started.exitCode !== null) throw new Error(`sample app exited:\n${output}`);
}, 240_000);

afterAll(() => {
  if (child && child.exitCode === null) child.kill("SIGKILL");
  if (app) rmSync(app, { recursive: true, force: true });
});

describe("the sample partner app on the packed SDK", () => {
  it("registers its own webhook endpoint through the client and receives Portico's signed test event", async () => {
    const endpoints = await client.webhookEndpoints.list();
    const endpoint = endpoints.data.find((item) => item.url === `${origin}/webhooks`);
    expect(endpoint).toBeDefined();
    await client.webhookEndpoints.sendTestEvent(endpoint?.id ?? "");
    const events = await waitFor(
      async () => (await (await fetch(`${origin}/webhooks/events`)).json()) as { data: { type: string }[] },
      (body) => body.data.length > 0,
    );
    expect(events.data[0]?.type).toBe("webhook.test");
  });

  it("answers Portico's /authorize check on its origin", async () => {
    const [service] = (await client.services.list()).data;
    expect(await client.services.check(service?.id ?? "")).toMatchObject({ status: "live", version: "sample-1" });
  });

  it("stops cleanly on SIGTERM (exit code 0)", async () => {
    const exited = new Promise<number | null>((resolve) => child?.once("exit", (code) => resolve(code)));
    child?.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(output).toContain("SIGTERM, stopping");
  });
});
