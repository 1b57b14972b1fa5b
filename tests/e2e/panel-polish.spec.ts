// The panel's finish (Chromium): the API reference works offline from our own origin; 404 and error pages offer a way
// back; the getting-started list ticks only what the partner did; sign-in returns to the page asked for and never to
// another site; transaction and audit log filters name the bad field and keep the others; validation speaks in one
// style.
import { expect, type Page, test } from "@playwright/test";
import { SERVICE_NAME_MAX } from "../../lib/services/schemas";
import { api, createApprovedPartner, PASSWORD, signIn, submitSignIn } from "../support/browser";
import { runCliJson } from "../support/cli";

/** Lets the page reach only the app's own origin: every other host is aborted and remembered. */
async function limitToOwnOrigin(page: Page, baseURL: string): Promise<string[]> {
  const foreign: string[] = [];
  const own = new URL(baseURL).origin;
  await page.route(
    (url) => url.origin !== own && (url.protocol === "http:" || url.protocol === "https:"),
    async (route) => {
      foreign.push(route.request().url());
      await route.abort("internetdisconnected");
    },
  );
  return foreign;
}

/** Content-Security-Policy refusals the browser reports on the console. */
function collectCspViolations(page: Page): string[] {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content.Security.Policy|violates the following/i.test(message.text())) violations.push(message.text());
  });
  return violations;
}

test("the API reference renders offline from our origin: operations, schemas, webhooks and search", async ({
  page,
  baseURL,
}) => {
  const foreign = await limitToOwnOrigin(page, baseURL as string);
  const violations = collectCspViolations(page);
  const bundle = page.waitForResponse((response) => response.url().includes("/docs/api/scalar.js"));
  await page.goto("/docs/api");
  expect((await bundle).status()).toBe(200);
  const reference = page.getByTestId("api-reference");
  // A known operation, with its request body schema resolved into fields.
  await expect(reference.getByText("Register a service").first()).toBeVisible();
  await reference.getByText("Register a service").first().click();
  await expect(reference.getByText("check_interval_seconds").first()).toBeVisible();
  // The webhook events (OpenAPI 3.1 `webhooks`) have their own group, each with its payload.
  await page.getByRole("link", { name: "Webhook events", exact: true }).click();
  await expect(reference.getByText("service.status_changed").first()).toBeVisible();
  // Search finds an operation by its words.
  await page.getByRole("button", { name: /Open Search/ }).click();
  const search = page.getByRole("dialog").getByRole("combobox").or(page.getByRole("dialog").getByRole("textbox"));
  await expect(search.first()).toBeVisible();
  await search.first().fill("certify");
  await expect(
    page
      .getByRole("dialog")
      .getByText(/Certify a device access token/)
      .first(),
  ).toBeVisible();
  expect(foreign, "requests to other hosts").toEqual([]);
  expect(violations, "CSP violations").toEqual([]);
});

test("a missing page is a designed 404 with a way back; the favicon and Contact us are real", async ({
  page,
  request,
}) => {
  const missing = await page.goto("/no-such-page");
  expect(missing?.status()).toBe(404);
  await expect(page.getByTestId("not-found-page")).toContainText("We could not find that page");
  await page.getByRole("link", { name: "Go to your dashboard" }).click();
  await expect(page).toHaveURL(/\/sign-in$/);

  const icon = await page.locator('link[rel="icon"]').first().getAttribute("href");
  expect(icon).toBeTruthy();
  const iconResponse = await request.get(icon as string);
  expect(iconResponse.status()).toBe(200);
  expect(iconResponse.headers()["content-type"]).toContain("image/svg+xml");

  await page.goto("/");
  await page.getByTestId("contact-link").click();
  await expect(page).toHaveURL(/\/contact/);
  await expect(page.getByTestId("support-email")).toHaveAttribute("href", /^mailto:[^?]+@[^?]+\?subject=/);
});

test("getting started ticks only what the partner did, and links each step to its page", async ({ page, request }) => {
  test.setTimeout(120_000);
  const partner = createApprovedPartner("steps");
  const client = api(request, partner.apiToken);
  await signIn(page, partner.email);
  await page.goto("/dashboard");
  const step = (id: string) => page.getByTestId(`onboarding-${id}`);
  // The CLI gave the partner an API token; nothing else is set up yet.
  await expect(step("api-token")).toHaveAttribute("data-done", "true");
  for (const id of ["service", "webhook", "callback", "one-time-login"])
    await expect(step(id)).toHaveAttribute("data-done", "false");
  await expect(step("service").getByRole("link")).toHaveAttribute("href", "/dashboard/services/new");
  await expect(step("api-token").getByRole("link")).toHaveAttribute("href", "/dashboard/tokens");
  await expect(step("webhook").getByRole("link")).toHaveAttribute("href", "/dashboard/webhooks/new");
  await expect(step("one-time-login").getByRole("link").first()).toHaveAttribute("href", "/catalog");

  // A service and an endpoint tick their steps; the callback step now leads to that service's callback page.
  const service = await client.post("/api/v1/services", { name: "Notes", url: "https://notes.acme.example/app" });
  await client.post("/api/v1/webhook-endpoints", { url: "https://hooks.acme.example/portico" });
  await page.reload();
  await expect(step("service")).toHaveAttribute("data-done", "true");
  await expect(step("webhook")).toHaveAttribute("data-done", "true");
  await expect(step("callback")).toHaveAttribute("data-done", "false");
  await expect(step("callback").getByRole("link")).toHaveAttribute(
    "href",
    `/dashboard/services/${service.id}/callback`,
  );

  // Saving callback settings ticks certification; a redeemed one-time login ticks the last step.
  await client.put(`/api/v1/services/${service.id}/callback`, { mode: "development" });
  const launch = await page.request.get(`/launch/${service.id}`, { maxRedirects: 0 });
  expect(launch.status()).toBe(302);
  const oneTimeToken = new URL(launch.headers().location as string).searchParams.get("services");
  await client.get(`/api/authorization/${oneTimeToken}`);
  await page.reload();
  for (const id of ["service", "api-token", "webhook", "callback", "one-time-login"])
    await expect(step(id)).toHaveAttribute("data-done", "true");
  await expect(page.getByText("5 of 5 set up")).toBeVisible();
});

test("sign-in returns to the page asked for, and never to another site", async ({ page, baseURL }) => {
  test.setTimeout(120_000);
  const partner = createApprovedPartner("return");
  const origin = new URL(baseURL as string).origin;
  await limitToOwnOrigin(page, baseURL as string);

  await page.goto("/dashboard/webhooks");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fdashboard%2Fwebhooks/);
  await submitSignIn(page, partner.email);
  await expect(page).toHaveURL(`${origin}/dashboard/webhooks`);

  // Already signed in: the sign-in page sends a safe callbackUrl on at once, and an unsafe one home.
  await page.goto("/sign-in?callbackUrl=%2Fdashboard%2Ftokens");
  await expect(page).toHaveURL(`${origin}/dashboard/tokens`);
  await page.goto(`/sign-in?callbackUrl=${encodeURIComponent("https://evil.example/steal")}`);
  await expect(page).toHaveURL(`${origin}/dashboard`);

  // Signing in with an address elsewhere (absolute, protocol-relative, backslash, tab) lands on the dashboard.
  for (const target of [
    "https://evil.example/steal",
    "//evil.example/steal",
    "/\\evil.example/steal",
    "/\t/evil.example",
  ]) {
    await page.context().clearCookies();
    await page.goto(`/sign-in?callbackUrl=${encodeURIComponent(target)}`);
    await submitSignIn(page, partner.email);
    await expect(page, target).toHaveURL(`${origin}/dashboard`);
  }
});

test("transaction filters name the wrong field and keep the others; a row opens its detail", async ({
  page,
  request,
}) => {
  test.setTimeout(120_000);
  const partner = createApprovedPartner("filters", { timeZone: "Europe/Paris" });
  const client = api(request, partner.apiToken);
  await client.text("/api/v1/token/%2B14155552671/order-42");
  await client.text("/api/v1/token/%2B14155552671/order-43");
  await signIn(page, partner.email);

  await page.goto("/dashboard/transactions?q=order-42&from=2026-13-45&status=lost");
  await expect(page.getByTestId("filter-error-from")).toHaveText("From must be a real date, such as 2026-11-25");
  await expect(page.getByTestId("filter-error-status")).toHaveText("Status must be one of: issued, verified, expired");
  await expect(page.getByLabel("XID or phone number")).toHaveValue("order-42");
  await expect(page.getByTestId("filter-error-q")).toHaveCount(0);
  // The valid filter still applies.
  await expect(page.getByTestId("transaction-row")).toHaveCount(1);
  await expect(page.getByTestId("transaction-row")).toContainText("order-42");

  await page.goto("/dashboard/transactions?q=no%20such%20thing!");
  await expect(page.getByTestId("filter-error-q")).toContainText("XID or phone number must be an XID");

  await page.goto("/dashboard/transactions?q=order-42");
  await page.getByTestId("transaction-link").first().click();
  await expect(page).toHaveURL(/\/dashboard\/transactions\/txn_/);
  await expect(page.getByTestId("transaction-xid")).toHaveText("order-42");
  await expect(page.getByTestId("transaction-detail")).toContainText("+14155552671");
  // Times in the partner's zone, with the zone named.
  await expect(page.getByTestId("transaction-detail")).toContainText(/CES?T/);
});

const SCREENSHOTS = process.env.PORTICO_E2E_SCREENSHOTS; // a directory: also save each checked page as a PNG

/** The document does not scroll sideways at 1280 or 390 px wide. */
async function expectNoSidewaysScroll(page: Page, label: string) {
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: width === 390 ? 844 : 800 });
    if (SCREENSHOTS)
      await page.screenshot({
        path: `${SCREENSHOTS}/${label.replace(/[^a-z0-9]+/gi, "-")}-${width}.png`,
        fullPage: true,
      });
    const size = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      client: document.documentElement.clientWidth,
    }));
    expect(size.scroll, `${label} at ${width}px`).toBeLessThanOrEqual(size.client);
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}

test("audit log filters name the wrong field and keep the others, for the partner and the admin", async ({
  page,
  request,
}) => {
  test.setTimeout(120_000);
  const partner = createApprovedPartner("audit-filters");
  const client = api(request, partner.apiToken);
  await client.post("/api/v1/services", { name: "Audited A", url: "https://a.acme.example/app" });
  await client.post("/api/v1/services", { name: "Audited B", url: "https://b.acme.example/app" });
  await signIn(page, partner.email);

  await page.goto("/dashboard/audit?action=service.created&from=2026-13-45&to=soon");
  await expect(page.getByTestId("filter-error-from")).toHaveText("From must be a real date, such as 2026-11-25");
  await expect(page.getByTestId("filter-error-to")).toHaveText("To must be a date such as 2026-11-25 (YYYY-MM-DD)");
  await expect(page.getByTestId("filter-error-action")).toHaveCount(0);
  await expect(page.getByLabel("Action")).toHaveValue("service.created");
  await expect(page.getByLabel("From")).toHaveAttribute("aria-invalid", "true");
  // The valid filter still applies: the two creations, not the sign-in.
  await expect(page.getByTestId("audit-row")).toHaveCount(2);
  await expectNoSidewaysScroll(page, "/dashboard/audit bad dates");

  await page.goto("/dashboard/audit?action=nonsense&from=2026-12-01&to=2026-11-01");
  await expect(page.getByTestId("filter-error-action")).toHaveText(
    "Action must be one of the listed actions; pick one or choose All actions",
  );
  await expect(page.getByTestId("filter-error-to")).toHaveText("To must be on or after From");
  await expectNoSidewaysScroll(page, "/dashboard/audit bad action");

  const adminEmail = `admin-${partner.runId}@portico.test`;
  runCliJson("user:create", "--email", adminEmail, "--password", PASSWORD, "--role", "admin");
  await page.context().clearCookies();
  await signIn(page, adminEmail);
  await page.goto(`/admin/audit?action=nonsense&actor=${encodeURIComponent(partner.email)}&to=2026-02-30`);
  await expect(page.getByTestId("filter-error-action")).toContainText("Action must be one of the listed actions");
  await expect(page.getByTestId("filter-error-to")).toHaveText("To must be a real date, such as 2026-11-25");
  await expect(page.getByLabel("Actor (e-mail or id)")).toHaveValue(partner.email);
  // The actor filter still applies: the partner's one sign-in, among every partner's events.
  await expect(page.getByTestId("audit-row")).toHaveCount(1);
  await expect(page.getByTestId("audit-row")).toContainText("user.signed_in");
  await expectNoSidewaysScroll(page, "/admin/audit");
});

test("validation messages read the same everywhere, and inputs carry the server's limits", async ({ page }) => {
  const partner = createApprovedPartner("forms");
  await signIn(page, partner.email);
  await page.goto("/dashboard/services/new");
  await expect(page.getByLabel("Name")).toHaveAttribute("maxlength", String(SERVICE_NAME_MAX));
  await expect(page.getByLabel("Name")).toHaveAttribute("required", "");
  await page.getByLabel("URL").fill("ftp://files.acme.example");
  await page.getByRole("button", { name: "Create service" }).click();
  await expect(page.getByTestId("field-error-name")).toHaveText("Name is required");
  await expect(page.getByTestId("field-error-url")).toHaveText("URL must start with https:// (or http://)");

  // A record that does not exist (or is another partner's) is the same 404 page, inside the signed-in app.
  const missing = await page.goto("/dashboard/services/svc_no_such_service");
  expect(missing?.status()).toBe(404);
  await expect(page.getByTestId("not-found-page")).toBeVisible();
});
