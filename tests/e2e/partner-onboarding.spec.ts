import { execFileSync } from "node:child_process";
import { expect, type Page, test } from "@playwright/test";
import { createTestEnv } from "../support/test-env";

const PASSWORD = "a long enough password";

function createAdmin(email: string): void {
  execFileSync(
    "node_modules/.bin/tsx",
    ["scripts/cli.ts", "user:create", "--email", email, "--password", PASSWORD, "--role", "admin"],
    { env: { ...process.env, ...createTestEnv() }, stdio: ["ignore", "pipe", "pipe"] },
  );
}

async function signIn(page: Page, email: string): Promise<void> {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
}

function navLink(page: Page, name: string) {
  return page.getByRole("navigation", { name: "Main" }).getByRole("link", { name, exact: true });
}

async function signOut(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
}

test("partner onboarding – sign up, approval, first service and API token, revocation", async ({ page, request }) => {
  test.setTimeout(120_000); // one long story: four sign-ins, each an argon2 verification
  const runId = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const partnerEmail = `dev-${runId}@acme.test`;
  const adminEmail = `admin-${runId}@portico.test`;
  const serviceName = `Acme Notes ${runId}`;
  createAdmin(adminEmail);

  // 1. A partner signs up in the browser and lands on a pending dashboard.
  await page.goto("/sign-up");
  await expect(page.getByLabel("Partner (developer account)")).toBeChecked();
  await page.getByLabel("Your name").fill("Ada Lovelace");
  await page.getByLabel("Work email").fill(partnerEmail);
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByLabel("Company").fill(`Acme ${runId}`);
  await expect(page.getByLabel("Time zone")).not.toHaveValue("");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByTestId("partner-pending-banner")).toContainText(
    "Your partnership is pending approval — an admin will review it",
  );
  await navLink(page, "API tokens").click();
  await expect(page.getByRole("button", { name: "Create token" })).toBeDisabled();
  await signOut(page);

  // 2. An admin approves the partnership (after one mistyped password).
  await page.getByLabel("Email").fill(adminEmail);
  await page.getByLabel("Password", { exact: true }).fill("not the password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("sign-in-error")).toHaveText("That email and password do not match an account.");
  await signIn(page, adminEmail);
  await expect(page).toHaveURL(/\/admin\/partners$/);
  const partnerRow = page.getByTestId(`partner-row-${partnerEmail}`);
  await partnerRow.getByRole("button", { name: "Approve" }).click();
  await expect(page.getByTestId("toast").filter({ hasText: "Partner approved" })).toBeVisible();
  await expect(partnerRow).toHaveCount(0);
  await signOut(page);

  // 3. The partner signs in again and creates a service: its id and secret are shown once.
  await signIn(page, partnerEmail);
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByTestId("partner-pending-banner")).toHaveCount(0);
  await navLink(page, "Services").click();
  await expect(page.getByTestId("empty-state")).toBeVisible();
  await page.getByRole("link", { name: "New service" }).click();
  await page.getByLabel("Name").fill(serviceName);
  await page.getByLabel("URL").fill("not a url");
  await page.getByRole("button", { name: "Create service" }).click();
  await expect(page.getByTestId("field-error-url")).toBeVisible();
  await page.getByLabel("URL").fill("http://127.0.0.1:9/app");
  await expect(page.getByLabel("Check interval (seconds)")).toHaveValue("300");
  await page.getByRole("button", { name: "Create service" }).click();
  const serviceId = (await page.getByTestId("created-service-id").textContent())?.trim() ?? "";
  const serviceSecret = (await page.getByTestId("created-service-secret").textContent())?.trim() ?? "";
  expect(serviceId).toMatch(/^[0-9a-f-]{36}$/);
  expect(serviceSecret.length).toBeGreaterThan(20);
  await page.getByRole("link", { name: /open the service/ }).click();
  await expect(page.getByTestId("service-id")).toHaveText(serviceId);
  await expect(page.getByText(serviceSecret)).toHaveCount(0);

  // 4. …and an API token, read from the page where it is shown once.
  await navLink(page, "API tokens").click();
  await page.getByLabel("Token name").fill("CI");
  await page.getByRole("button", { name: "Create token" }).click();
  const token = (await page.getByTestId("new-token").textContent())?.trim() ?? "";
  expect(token).toMatch(/^ptk_/);

  const authorized = await request.get("/api/v1/services", { headers: { Authorization: `Bearer ${token}` } });
  expect(authorized.status()).toBe(200);
  const body = (await authorized.json()) as { data: { name: string; service_id: string }[] };
  expect(body.data).toEqual([expect.objectContaining({ name: serviceName, service_id: serviceId })]);

  // A JWT issued with the token shows in Transactions: in the list, and as a bar of today's in the chart.
  const issued = await request.get(`/api/v1/token/${encodeURIComponent("+14155552671")}`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  expect(issued.status()).toBe(200);
  await navLink(page, "Transactions").click();
  await expect(page.getByTestId("transaction-row")).toHaveCount(1);
  await expect(page.getByTestId("transactions-chart").locator(".recharts-bar-rectangle").first()).toBeVisible();
  await navLink(page, "API tokens").click();

  // 5. Revoking the token in the UI locks the API out.
  const tokenRow = page.getByTestId("token-row-CI");
  await expect(tokenRow.getByTestId("token-status")).toHaveText("active");
  await tokenRow.getByRole("button", { name: "Revoke" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Revoke token" }).click();
  await expect(tokenRow.getByTestId("token-status")).toHaveText("revoked");

  const revoked = await request.get("/api/v1/services", { headers: { Authorization: `Bearer ${token}` } });
  expect(revoked.status()).toBe(401);
});
