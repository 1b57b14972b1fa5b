// E-mail through a real SMTP server on loopback: a Portico of its own (own database, PORTICO_SMTP_URL set) sends the
// invitation and one alert per service incident, to the right people, with links that work.
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type PartnerServer, startPartnerServer } from "../support/partner-server";
import { createDatabase, dropDatabase } from "../support/postgres";
import { getFreePort, type RunningServer, startPortico } from "../support/server";
import { type ReceivedMail, startSmtpReceiver } from "../support/smtp-receiver";
import { createTestEnv, createTestStorageEnv, getTestDatabase } from "../support/test-env";
import { waitFor } from "../support/worker-process";

const run = promisify(execFile);

let smtp: Awaited<ReturnType<typeof startSmtpReceiver>>;
let portico: RunningServer;
let partners: PartnerServer;
let env: Record<string, string>;

beforeAll(async () => {
  smtp = await startSmtpReceiver();
  partners = await startPartnerServer({});
  const storage = createTestStorageEnv(`mail${randomBytes(4).toString("hex")}`);
  if (getTestDatabase() === "postgresql") await createDatabase(storage.DATABASE_URL);
  env = {
    ...createTestEnv(),
    ...storage,
    PORTICO_SMTP_URL: smtp.url,
    PORTICO_MAIL_FROM: "Portico Tests <portico@example.test>",
    PORTICO_MAIL_POLL_MS: "50",
  };
  // Links in mail use PORTICO_PUBLIC_URL (never the request's Host header): this server's own address.
  const port = await getFreePort();
  env.PORTICO_PUBLIC_URL = `http://127.0.0.1:${port}`;
  portico = await startPortico({ env, port });
}, 120_000);

afterAll(async () => {
  await portico?.stop();
  await smtp?.stop();
  await partners?.close();
  if (getTestDatabase() === "postgresql" && env?.DATABASE_URL) await dropDatabase(env.DATABASE_URL);
});

async function cli(...args: string[]): Promise<Record<string, string>> {
  const { stdout } = await run("node_modules/.bin/tsx", ["scripts/cli.ts", ...args], {
    env: { ...process.env, ...env },
  });
  return JSON.parse(stdout) as Record<string, string>;
}

function call(pathname: string, options: { token?: string; method?: string; json?: unknown } = {}) {
  return fetch(`${portico.baseUrl}${pathname}`, {
    method: options.method ?? (options.json === undefined ? "GET" : "POST"),
    headers: {
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...(options.json === undefined ? {} : { "content-type": "application/json" }),
    },
    body: options.json === undefined ? undefined : JSON.stringify(options.json),
    redirect: "manual",
  });
}

const mailTo = (address: string, about: RegExp) => () =>
  smtp.received.filter((mail: ReceivedMail) => mail.to.includes(address) && about.test(mail.subject));

// Generous: a CLI start (tsx) and argon2 are slow on a loaded machine; every wait below ends on an observed message.
describe("e-mail over SMTP", { timeout: 120_000 }, () => {
  it("the invitation arrives once, to the invitee, with a link that opens the accept page and works", async () => {
    const owner = await cli(
      "partner:create",
      "--email",
      `owner-${randomBytes(3).toString("hex")}@example.test`,
      "--name",
      "Mail Owner",
      "--approve",
    );
    const invitee = `invitee-${randomBytes(3).toString("hex")}@example.test`;
    const created = await call("/api/v1/invitations", {
      token: owner.api_token,
      json: { email: invitee, role: "developer" },
    });
    expect(created.status).toBe(201);
    const [mail] = await waitFor(
      () => mailTo(invitee, /invited/)().length > 0 && mailTo(invitee, /invited/)(),
      20_000,
      "invitation mail",
    );
    expect(mail?.from).toBe("portico@example.test");
    const link = /https?:\/\/\S+\/invite\/(inv_[A-Za-z0-9_-]+)/.exec(mail?.text ?? "");
    expect(link, mail?.text).not.toBeNull();
    const token = link?.[1] ?? "";
    // The link's page opens on this server, and its token accepts.
    const page = await call(`/invite/${token}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(invitee);
    const accepted = await call(`/api/invitations/${token}/accept`, {
      json: { name: "Invitee", password: "a long enough password" },
    });
    expect(accepted.status).toBe(201);
    expect(mailTo(invitee, /invited/)()).toHaveLength(1);
  });

  it("a service that goes down alerts each member once per incident, and again when it recovers", async () => {
    const ownerEmail = `alerts-${randomBytes(3).toString("hex")}@example.test`;
    const owner = await cli("partner:create", "--email", ownerEmail, "--name", "Alert Owner", "--approve");
    const created = await call("/api/v1/services", {
      token: owner.api_token,
      json: { name: "Flaky app", url: `${partners.origin}/app` },
    });
    expect(created.status).toBe(201);
    const service = (await created.json()) as { id: string; service_id: string; service_secret: string };
    partners.defaultIdentity = {
      serviceId: service.service_id,
      secret: service.service_secret,
      version: "1.0.0",
      mode: "status-500",
    };
    // Down after two consecutive failed checks (the default), then it stays down for two more.
    for (let check = 0; check < 4; check++) {
      expect(
        (await call(`/api/v1/services/${service.id}/check`, { token: owner.api_token, method: "POST" })).status,
      ).toBe(200);
    }
    const down = await waitFor(
      () => mailTo(ownerEmail, /is down/)().length > 0 && mailTo(ownerEmail, /is down/)(),
      20_000,
      "down alert",
    );
    expect(down[0]?.text).toContain(`/dashboard/services/${service.id}/monitoring`);

    partners.defaultIdentity = { ...partners.defaultIdentity, mode: "valid" };
    expect(
      (await call(`/api/v1/services/${service.id}/check`, { token: owner.api_token, method: "POST" })).status,
    ).toBe(200);
    await waitFor(() => mailTo(ownerEmail, /Recovered/)().length > 0, 60_000, "recovery alert");
    // The recovery came after every down check was processed: still exactly one down alert for the incident.
    expect(mailTo(ownerEmail, /is down/)()).toHaveLength(1);
    expect(mailTo(ownerEmail, /Recovered/)()).toHaveLength(1);
  });
});
