// The one-time login story in a real browser: Portico's catalog → the sample partner app (built on the SDK),
// logged in until the end of the partner's day; the signed login.redeemed webhook reaches the sample app; statistics;
// a reused token is refused.
import { type ChildProcess, spawn } from "node:child_process";
import { expect, type Page, test } from "@playwright/test";
import { endOfDay } from "../../sdk/src/end-of-day";
import { signWebhook } from "../../sdk/src/webhooks";
import { createPartnerWithCli, runCliJson } from "../support/cli";
import { itemAt } from "../support/lists";
import { installSamplePartnerApp } from "../support/sample-partner-app";
import { getFreePort } from "../support/server";

const PASSWORD = "a long enough password";
const TIME_ZONE = "Pacific/Chatham"; // +12:45/+13:45: any zone arithmetic mistake shows

async function signIn(page: Page, email: string): Promise<void> {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
}

async function startSamplePartner(
  env: Record<string, string>,
): Promise<{ process: ChildProcess; output: () => string }> {
  // The sample app runs as an outside app does: copied out with the packed SDK installed, started with plain node.
  const app = installSamplePartnerApp();
  const child = spawn(process.execPath, ["server.mjs"], {
    cwd: app,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk) => (output += chunk));
  child.stderr?.on("data", (chunk) => (output += chunk));
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`sample partner exited:\n${output}`);
    try {
      if ((await fetch(`http://127.0.0.1:${env.PORT}/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`sample partner did not start:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return { process: child, output: () => output };
}

let sample: { process: ChildProcess; output: () => string } | undefined;
test.afterAll(() => {
  sample?.process.kill("SIGTERM");
});

test("one-time login – catalog → sample partner app logged in until the end of the partner's day; reuse refused", async ({
  page,
  request,
  browser,
}) => {
  test.setTimeout(180_000); // five CLI runs (tsx start-up) on a busy machine
  const baseURL = test.info().project.use.baseURL ?? "";
  const runId = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const partnerEmail = `dev-${runId}@acme.test`;
  const userEmail = `ada-${runId}@example.test`;
  const serviceName = `Sample ${runId}`;

  // 1. A partner (in Chatham time), its service pointing at the sample app, an entitled end user.
  const partner = createPartnerWithCli({
    email: partnerEmail,
    name: `Acme ${runId}`,
    password: PASSWORD,
    timeZone: TIME_ZONE,
  });
  const port = await getFreePort();
  const sampleOrigin = `http://127.0.0.1:${port}`;
  const created = await request.post("/api/v1/services", {
    headers: { authorization: `Bearer ${partner.api_token}` },
    data: { name: serviceName, url: `${sampleOrigin}/` },
  });
  expect(created.status()).toBe(201);
  const service = await created.json();
  runCliJson("service:publish", "--service", service.id);
  runCliJson("user:create", "--email", userEmail, "--password", PASSWORD);
  runCliJson("entitlement:grant", "--email", userEmail, "--service", service.id);

  // The partner registers the sample app's webhook receiver; at start the sample app finds that endpoint through the
  // client and rotates its secret to learn a current one, so it verifies every delivery's Standard Webhooks signature.
  const registered = await request.post("/api/v1/webhook-endpoints", {
    headers: { authorization: `Bearer ${partner.api_token}` },
    data: { url: `${sampleOrigin}/webhooks`, events: ["login.redeemed"] },
  });
  expect(registered.status()).toBe(201);
  const endpoint = await registered.json();
  expect(endpoint).toMatchObject({ url: `${sampleOrigin}/webhooks`, events: ["login.redeemed"] });
  expect(endpoint.secret).toMatch(/^whsec_[A-Za-z0-9+/=]+$/);

  sample = await startSamplePartner({
    PORTICO_URL: baseURL,
    PORTICO_API_TOKEN: partner.api_token,
    SERVICE_ID: service.service_id,
    SERVICE_SECRET: service.service_secret,
    PARTNER_TIME_ZONE: TIME_ZONE,
    WEBHOOK_SECRET: endpoint.secret,
    PORT: String(port),
  });

  // 2. The end user signs in to Portico and opens the app from the catalog.
  await signIn(page, userEmail);
  await expect(page).toHaveURL(/\/catalog$/);
  const launchedUrls: string[] = [];
  const setCookies: string[] = [];
  page.on("request", (req) => {
    if (req.url().startsWith(sampleOrigin) && req.url().includes("services=")) launchedUrls.push(req.url());
  });
  page.on("response", async (res) => {
    if (res.url().startsWith(sampleOrigin) && res.url().includes("services=")) {
      const header = await res.headerValue("set-cookie");
      if (header) setCookies.push(header);
    }
  });
  const item = page.getByTestId(`catalog-item-${serviceName}`);
  await item.getByRole("link", { name: "Open" }).click();

  // 3. Logged in on the sample app, with the token gone from the address bar.
  await expect(page.getByTestId("signed-in-email")).toHaveText(userEmail);
  expect(page.url().startsWith(sampleOrigin)).toBe(true);
  expect(page.url()).not.toContain("services=");
  expect(launchedUrls).toHaveLength(1);
  const token = new URL(itemAt(launchedUrls, 0, "launch")).searchParams.get("services") ?? "";
  expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);

  // 4. The session cookie ends with the partner's day (the end of today in Pacific/Chatham).
  const cookies = await page.context().cookies(sampleOrigin);
  const session = cookies.find((cookie) => cookie.name === "services_cookie");
  expect(session).toBeDefined();
  expect(session?.httpOnly).toBe(true);
  const expected = endOfDay(new Date(), TIME_ZONE);
  expect(setCookies).toHaveLength(1);
  expect(setCookies[0]).toContain(`Expires=${expected.toUTCString()}`);
  // Chromium re-bases Expires on the server's (whole-second) Date header, so the stored value may be off by < 1 s.
  expect(Math.abs((session?.expires ?? 0) - expected.getTime() / 1000)).toBeLessThan(1);

  // 5. The same token again is refused: by Portico directly, and by the sample app in a fresh browser.
  const reused = await request.get(`/api/authorization/${token}`, {
    headers: { authorization: `Bearer ${partner.api_token}` },
  });
  expect(reused.status()).toBe(410);
  expect(await reused.json()).toEqual({ success: false, message: expect.stringContaining("already been used") });
  const stranger = await browser.newContext();
  const strangerPage = await stranger.newPage();
  await strangerPage.goto(`${sampleOrigin}/?services=${token}`);
  await expect(strangerPage.getByTestId("login-refused")).toBeVisible();
  await expect(strangerPage.getByTestId("refusal-message")).toContainText("already been used");
  expect((await stranger.cookies(sampleOrigin)).find((cookie) => cookie.name === "services_cookie")).toBeUndefined();
  await stranger.close();

  // 6. Portico's login.redeemed webhook reached the sample app, which lists only events whose signature verified
  //    against the endpoint's secret (a forged one is refused below); exactly once, although the token was tried twice.
  type ReceivedEvent = { id: string; type: string; event: { type: string; data: Record<string, unknown> } };
  const receivedLogins = async (): Promise<ReceivedEvent[]> => {
    const response = await fetch(`${sampleOrigin}/webhooks/events`);
    const body = (await response.json()) as { data: ReceivedEvent[] };
    return body.data.filter((event) => event.type === "login.redeemed");
  };
  await expect
    .poll(async () => (await receivedLogins()).map((event) => event.event.data), {
      timeout: 20_000,
      message: `login.redeemed should reach the sample app; its output:\n${sample.output()}`,
    })
    .toEqual([
      expect.objectContaining({
        internal_email_address: userEmail,
        service_id: service.service_id,
        service_name: serviceName,
      }),
    ]);
  const received = itemAt(await receivedLogins(), 0, "received login event");
  expect(received.id).toMatch(/^evt_/);
  // Portico's delivery log agrees: delivered on the first attempt, answered 204 by the SDK's verifying handler.
  await expect
    .poll(async () => {
      const deliveries = await request.get(`/api/v1/webhook-endpoints/${endpoint.id}/deliveries`, {
        headers: { authorization: `Bearer ${partner.api_token}` },
      });
      return ((await deliveries.json()) as { data: Record<string, unknown>[] }).data;
    })
    .toEqual([
      expect.objectContaining({
        event_id: received.id,
        event_type: "login.redeemed",
        status: "succeeded",
        last_status_code: 204,
      }),
    ]);
  // The receiver really checks signatures: the same event signed with another secret is refused and not recorded.
  const forgedBody = JSON.stringify({ ...received.event, id: "evt_forged" });
  const forgedAt = Math.floor(Date.now() / 1000);
  const forged = await fetch(`${sampleOrigin}/webhooks`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "webhook-id": "evt_forged",
      "webhook-timestamp": String(forgedAt),
      "webhook-signature": signWebhook({
        secret: `whsec_${Buffer.from(`not-${runId}-the-secret`).toString("base64")}`,
        id: "evt_forged",
        timestamp: forgedAt,
        body: forgedBody,
      }),
    },
    body: forgedBody,
  });
  expect(forged.status).toBe(400);
  expect((await receivedLogins()).map((event) => event.id)).toEqual([received.id]);

  // 7. The partner sees the launch and the redemption in its statistics, on its own local day.
  await page.goto("/catalog");
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await signIn(page, partnerEmail);
  await expect(page).toHaveURL(/\/dashboard$/);
  await page.goto("/dashboard/statistics");
  const today = new Intl.DateTimeFormat("en-CA", {
    timeZone: TIME_ZONE,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(new Date());
  const row = page.getByTestId(`stats-row-${today}`);
  await expect(row.getByTestId("stats-launches")).toHaveText("1");
  await expect(row.getByTestId("stats-redemptions")).toHaveText("1");
  await expect(page.getByTestId("stats-total-launches")).toHaveText("1");
  await expect(page.getByTestId("stats-redemption-rate")).toHaveText("100 %");
  await expect(page.getByTestId("stats-chart").locator(".recharts-bar-rectangle").first()).toBeVisible();
  // Other periods keep the partner's day: today's row is there over 7 days too.
  await page.getByRole("link", { name: "7 days" }).click();
  await expect(page).toHaveURL(/days=7$/);
  await expect(page.getByTestId(`stats-row-${today}`).getByTestId("stats-launches")).toHaveText("1");
});
