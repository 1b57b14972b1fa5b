// Lifecycle in the panel (Chromium): edit and delete a service; disable, enable and delete a webhook endpoint; open a
// failed delivery and read the receiver's answer. Then every page at 1280 and 390 px: nothing wider than the screen.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, type Page, test } from "@playwright/test";
import { api, createApprovedPartner, PASSWORD, signIn } from "../support/browser";
import { runCliJson } from "../support/cli";

const SCREENSHOTS = process.env.PORTICO_E2E_SCREENSHOTS; // a directory: also save each swept page as a PNG

/** A webhook receiver that refuses everything with a reason, as a real one might. */
async function startFailingReceiver() {
  const server = http.createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      res.writeHead(500, { "content-type": "text/plain", "x-receiver": "orders" });
      res.end("order 42 rejected: database is down, retry later");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const toast = (page: Page, text: string) => page.getByTestId("toast").filter({ hasText: text });

test("a partner edits and deletes a service, manages an endpoint and reads a failed delivery", async ({
  page,
  request,
}) => {
  test.setTimeout(150_000);
  const partner = createApprovedPartner("ops", { timeZone: "Europe/Paris" });
  const { email } = partner;
  const client = api(request, partner.apiToken);
  const service = await client.post("/api/v1/services", { name: "Notes", url: "https://notes.acme.example/app" });
  const receiver = await startFailingReceiver();
  try {
    const endpoint = await client.post("/api/v1/webhook-endpoints", {
      url: receiver.url,
      description: "Orders",
      authentication: { type: "OAuth2", version: "v2", data: { token: "partner-fixed-token" } },
    });
    await signIn(page, email);

    // Edit the service, then delete it: the confirmation says what goes with it.
    await page.goto(`/dashboard/services/${service.id}`);
    const form = page.getByTestId("edit-service-form");
    await form.getByLabel("Name").fill("Notes Pro");
    await form.getByLabel("Check interval (seconds)").fill("10");
    await form.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByTestId("field-error-check_interval_seconds")).toContainText("at least 30");
    await form.getByLabel("Check interval (seconds)").fill("600");
    await form.getByRole("button", { name: "Save changes" }).click();
    await expect(toast(page, "Service saved")).toBeVisible();
    await expect(page.getByRole("heading", { name: "Notes Pro" })).toBeVisible();
    await page.getByRole("button", { name: "Delete", exact: true }).click();
    await expect(page.getByTestId("delete-service-consequences")).toContainText("checks stop");
    await page.getByRole("button", { name: "Delete service" }).click();
    await expect(page).toHaveURL(/\/dashboard\/services(\?|$)/);
    await expect(page.getByText("Notes Pro")).toHaveCount(0);

    // A test event fails at the receiver; its delivery detail shows what the receiver answered.
    await page.goto(`/dashboard/webhooks/${endpoint.id}`);
    await page.getByRole("button", { name: "Send test event" }).click();
    await expect(toast(page, "Test event queued")).toBeVisible();
    await expect(async () => {
      await page.reload();
      await expect(page.getByTestId("delivery-link").first()).toBeVisible({ timeout: 1000 });
    }).toPass({ timeout: 30_000 });
    await page.getByTestId("delivery-link").first().click();
    await expect(page).toHaveURL(/\/deliveries\/dlv_/);
    await expect(async () => {
      await page.reload();
      await expect(page.getByTestId("response-body").first()).toContainText("database is down", { timeout: 1000 });
    }).toPass({ timeout: 30_000 });
    await expect(page.getByTestId("request-headers")).toContainText("authorization: Bearer ********");
    await expect(page.getByTestId("request-headers")).not.toContainText("partner-fixed-token");
    await expect(page.getByTestId("response-headers").first()).toContainText("x-receiver: orders");
    await expect(page.getByTestId("delivery-attempt").first()).toContainText("HTTP 500");

    // Disable with a reason (the list shows it), enable again, then delete.
    await page.goto(`/dashboard/webhooks/${endpoint.id}`);
    await page.getByRole("button", { name: "Disable", exact: true }).click();
    await page.getByLabel(/Reason/).fill("Receiver migration");
    await page.getByRole("button", { name: "Disable endpoint" }).click();
    // The disable form unmounts as the page re-renders the endpoint as disabled, so the page itself is the evidence.
    await expect(page.getByText("Deliveries to this endpoint are paused")).toBeVisible();
    await expect(page.getByText(/Receiver migration/).first()).toBeVisible();
    await page.goto("/dashboard/webhooks");
    await expect(page.getByTestId("endpoint-health")).toContainText("Disabled: Receiver migration");
    await page.goto(`/dashboard/webhooks/${endpoint.id}`);
    await page.getByRole("button", { name: "Re-enable" }).click();
    await expect(page.getByRole("button", { name: "Disable", exact: true })).toBeVisible();
    await expect(page.getByText("Deliveries to this endpoint are paused")).toHaveCount(0);
    await page.goto("/dashboard/webhooks");
    await expect(page.getByTestId("endpoint-health")).not.toContainText("Disabled");
    await page.goto(`/dashboard/webhooks/${endpoint.id}`);
    await page.getByRole("button", { name: "Delete", exact: true }).click();
    await page.getByRole("button", { name: "Delete endpoint" }).click();
    await expect(page).toHaveURL(/\/dashboard\/webhooks$/);
    await expect(page.getByTestId("endpoint-health")).toHaveCount(0);
  } finally {
    await receiver.close();
  }
});

/**
 * Each page's document must not scroll sideways (scrollWidth ≤ clientWidth), and no page may speak in the jargon of
 * the documents Portico was specified from ("seed 002"): things are named by what they are.
 */
async function sweep(page: Page, paths: string[], label: string) {
  const tooWide: string[] = [];
  const jargon: string[] = [];
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: width === 390 ? 844 : 800 });
    for (const path of paths) {
      await page.goto(path);
      await page.waitForLoadState("networkidle");
      // The API reference renders in the browser after its bundle and the document load.
      if (path === "/docs/api") await expect(page.getByRole("heading", { name: "Register a service" })).toBeVisible();
      const size = await page.evaluate(() => ({
        scroll: document.documentElement.scrollWidth,
        client: document.documentElement.clientWidth,
        // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is what a person reads
        text: document.body.innerText,
      }));
      if (SCREENSHOTS) {
        const name = `${label}${path.replace(/[^a-z0-9]+/gi, "-")}-${width}.png`;
        await page.screenshot({ path: `${SCREENSHOTS}/${name}`, fullPage: true });
      }
      if (size.scroll > size.client) tooWide.push(`${path} at ${width}px: ${size.scroll} > ${size.client}`);
      const seed = /\bseeds?\b[^\n]{0,40}/i.exec(size.text);
      if (seed && width === 1280) jargon.push(`${path}: “${seed[0]}”`);
    }
  }
  expect(tooWide).toEqual([]);
  expect(jargon).toEqual([]);
}

test("no panel, admin or docs page is wider than the screen at 1280 and 390 px", async ({ page, request }) => {
  test.setTimeout(300_000);
  const partner = createApprovedPartner("wide");
  const client = api(request, partner.apiToken);
  const service = await client.post("/api/v1/services", {
    name: "A service with a rather long name to test wrapping",
    url: `https://a-very-long-subdomain-name-for-testing.acme.example/some/long/path/${"segment/".repeat(8)}`,
  });
  await client.text("/api/v1/token/%2B14155552671/wide-transaction-with-a-long-xid-0123456789");
  const receiver = await startFailingReceiver();
  try {
    const endpoint = await client.post("/api/v1/webhook-endpoints", { url: receiver.url, description: "Orders" });
    const queued = await client.post(`/api/v1/webhook-endpoints/${endpoint.id}/test`, {});
    await signIn(page, partner.email);
    await page.goto("/dashboard/transactions");
    const transaction = await page.getByTestId("transaction-link").first().getAttribute("href");
    expect(transaction).toMatch(/^\/dashboard\/transactions\/txn_/);
    await sweep(
      page,
      [
        "/dashboard",
        "/dashboard/services",
        "/dashboard/services/new",
        `/dashboard/services/${service.id}`,
        `/dashboard/services/${service.id}/monitoring`,
        `/dashboard/services/${service.id}/callback`,
        "/dashboard/tokens",
        "/dashboard/signing-key",
        "/dashboard/transactions",
        `${transaction}`,
        "/dashboard/statistics",
        "/dashboard/webhooks",
        "/dashboard/webhooks/new",
        `/dashboard/webhooks/${endpoint.id}`,
        `/dashboard/webhooks/${endpoint.id}/deliveries/${queued.delivery_id}`,
        "/dashboard/team",
        "/dashboard/team/alerts",
        "/dashboard/audit",
        "/dashboard/settings",
        "/catalog",
        "/account/password",
        "/docs/api",
        "/contact",
        "/no-such-page",
        "/",
      ],
      "partner",
    );
    const adminEmail = `admin-${partner.runId}@portico.test`;
    runCliJson("user:create", "--email", adminEmail, "--password", PASSWORD, "--role", "admin");
    await page.context().clearCookies();
    await page.setViewportSize({ width: 1280, height: 800 });
    await signIn(page, adminEmail);
    await sweep(
      page,
      [
        "/admin/partners",
        "/admin/services",
        `/admin/services/${service.id}`,
        "/admin/entitlements",
        "/admin/audit",
        "/admin/mail",
      ],
      "admin",
    );
    await page.context().clearCookies();
    await sweep(page, ["/sign-in", "/sign-up", "/contact", "/docs/api", "/no-such-page"], "public");
  } finally {
    await receiver.close();
  }
});
