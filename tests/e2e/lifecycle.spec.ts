// Lifecycle in the panel (Chromium): edit and delete a service; disable, enable and delete a webhook endpoint; open a
// failed delivery and read the receiver's answer. Then every page at 1280 and 390 px: nothing wider than the screen.
import { execFileSync } from "node:child_process";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { type APIRequestContext, expect, type Page, test } from "@playwright/test";
import { createTestEnv } from "../support/test-env";

const PASSWORD = "a long enough password";
const SCREENSHOTS = process.env.PORTICO_E2E_SCREENSHOTS; // a directory: also save each swept page as a PNG

function cli(...args: string[]): Record<string, string> {
  const out = execFileSync("node_modules/.bin/tsx", ["scripts/cli.ts", ...args], {
    env: { ...process.env, ...createTestEnv() },
    stdio: ["ignore", "pipe", "pipe"],
    encoding: "utf8",
  });
  return JSON.parse(out.slice(out.indexOf("{"))) as Record<string, string>;
}

async function signIn(page: Page, email: string): Promise<void> {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).not.toHaveURL(/\/sign-in/);
}

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

function api(request: APIRequestContext, token: string) {
  const headers = { authorization: `Bearer ${token}` };
  return {
    post: async (path: string, data: unknown) => {
      const response = await request.post(path, { headers, data });
      expect(response.ok(), `${path}: ${await response.text()}`).toBe(true);
      return (await response.json()) as Record<string, string>;
    },
  };
}

const toast = (page: Page, text: string) => page.getByTestId("toast").filter({ hasText: text });

test("a partner edits and deletes a service, manages an endpoint and reads a failed delivery", async ({
  page,
  request,
}) => {
  test.setTimeout(150_000);
  const runId = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const email = `ops-${runId}@acme.test`;
  const partner = cli(
    "partner:create",
    "--email",
    email,
    "--name",
    `Acme ${runId}`,
    "--password",
    PASSWORD,
    "--approve",
    "--time-zone",
    "Europe/Paris",
  );
  const client = api(request, partner.api_token);
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

/** Each page's document must not scroll sideways: scrollWidth ≤ clientWidth. */
async function sweep(page: Page, paths: string[], label: string) {
  const tooWide: string[] = [];
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: width === 390 ? 844 : 800 });
    for (const path of paths) {
      await page.goto(path);
      await page.waitForLoadState("networkidle");
      const size = await page.evaluate(() => ({
        scroll: document.documentElement.scrollWidth,
        client: document.documentElement.clientWidth,
      }));
      if (SCREENSHOTS) {
        const name = `${label}${path.replace(/[^a-z0-9]+/gi, "-")}-${width}.png`;
        await page.screenshot({ path: `${SCREENSHOTS}/${name}`, fullPage: true });
      }
      if (size.scroll > size.client) tooWide.push(`${path} at ${width}px: ${size.scroll} > ${size.client}`);
    }
  }
  expect(tooWide).toEqual([]);
}

test("no panel, admin or docs page is wider than the screen at 1280 and 390 px", async ({ page, request }) => {
  test.setTimeout(240_000);
  const runId = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const email = `wide-${runId}@acme.test`;
  const partner = cli(
    "partner:create",
    "--email",
    email,
    "--name",
    `Wide ${runId}`,
    "--password",
    PASSWORD,
    "--approve",
  );
  const client = api(request, partner.api_token);
  const service = await client.post("/api/v1/services", {
    name: "A service with a rather long name to test wrapping",
    url: `https://a-very-long-subdomain-name-for-testing.acme.example/some/long/path/${"segment/".repeat(8)}`,
  });
  const receiver = await startFailingReceiver();
  try {
    const endpoint = await client.post("/api/v1/webhook-endpoints", { url: receiver.url, description: "Orders" });
    const queued = await client.post(`/api/v1/webhook-endpoints/${endpoint.id}/test`, {});
    await signIn(page, email);
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
        "/dashboard/statistics",
        "/dashboard/webhooks",
        "/dashboard/webhooks/new",
        `/dashboard/webhooks/${endpoint.id}`,
        `/dashboard/webhooks/${endpoint.id}/deliveries/${queued.delivery_id}`,
        "/dashboard/settings",
        "/account/password",
        "/docs/api",
        "/",
      ],
      "partner",
    );
    const adminEmail = `admin-${runId}@portico.test`;
    cli("user:create", "--email", adminEmail, "--password", PASSWORD, "--role", "admin");
    await page.context().clearCookies();
    await page.setViewportSize({ width: 1280, height: 800 });
    await signIn(page, adminEmail);
    await sweep(page, ["/admin", "/admin/partners", "/admin/services", "/admin/entitlements"], "admin");
    await page.context().clearCookies();
    await sweep(page, ["/sign-in", "/sign-up"], "public");
  } finally {
    await receiver.close();
  }
});
