// Issue 13 items 2 and 6 in Chromium: pages run under a nonce Content-Security-Policy (no violation anywhere in a
// sign-in → panel → signing key → sign-out story), the signing key needs the password again, and a session cookie
// kept after "sign out of all devices" no longer opens the panel.
import { execFileSync } from "node:child_process";
import { expect, test } from "@playwright/test";
import { createTestEnv } from "../support/test-env";

const PASSWORD = "a long enough password";

test("CSP-protected panel, password-confirmed signing key, sign-out of all devices ends copied sessions", async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  const email = `csp-${Date.now().toString(36)}@acme.test`;
  execFileSync(
    "node_modules/.bin/tsx",
    ["scripts/cli.ts", "partner:create", "--email", email, "--name", "CSP Co", "--password", PASSWORD, "--approve"],
    { env: { ...process.env, ...createTestEnv() }, stdio: ["ignore", "pipe", "pipe"] },
  );
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
  });

  const signInPage = await page.goto("/sign-in");
  const policy = signInPage?.headers()["content-security-policy"] ?? "";
  expect(policy).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
  expect(policy).toContain("frame-ancestors 'none'");
  expect(signInPage?.headers()["x-content-type-options"]).toBe("nosniff");
  expect(signInPage?.headers()["referrer-policy"]).toBeTruthy();

  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);

  // The signing key: a wrong password shows what to do, the right one shows the key.
  await page.goto("/dashboard/signing-key");
  await page.getByTestId("signing-key-password").first().fill("not my password");
  await page.getByTestId("reveal-signing-key").click();
  await expect(page.getByTestId("signing-key-error")).toContainText("password");
  await page.getByTestId("signing-key-password").first().fill(PASSWORD);
  await page.getByTestId("reveal-signing-key").click();
  await expect(page.getByTestId("signing-key")).toHaveText(/^[A-Za-z0-9+/]{43}=$/);

  // A copy of this browser's cookies (another device, or a stolen cookie) stops working after "all devices".
  const copy = await browser.newContext({ storageState: await page.context().storageState() });
  const copiedPage = await copy.newPage();
  await copiedPage.goto("/dashboard");
  await expect(copiedPage).toHaveURL(/\/dashboard$/);

  await page.getByRole("button", { name: "Sign out of all devices" }).first().click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await copiedPage.goto("/dashboard");
  await expect(copiedPage).toHaveURL(/\/sign-in/);
  await copy.close();

  expect(violations).toEqual([]);
});

test("changing the password in the panel ends every session, copies included, and the new password signs in", async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  const email = `password-${Date.now().toString(36)}@acme.test`;
  execFileSync(
    "node_modules/.bin/tsx",
    [
      "scripts/cli.ts",
      "partner:create",
      "--email",
      email,
      "--name",
      "Password Co",
      "--password",
      PASSWORD,
      "--approve",
    ],
    { env: { ...process.env, ...createTestEnv() }, stdio: ["ignore", "pipe", "pipe"] },
  );
  const signIn = async (password: string) => {
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password", { exact: true }).fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
  };
  await page.goto("/sign-in");
  await signIn(PASSWORD);
  await expect(page).toHaveURL(/\/dashboard$/);
  const copy = await browser.newContext({ storageState: await page.context().storageState() });
  const copiedPage = await copy.newPage();

  await page.getByRole("link", { name: "Change password" }).first().click();
  await expect(page).toHaveURL(/\/account\/password$/);
  // A wrong current password and a mismatched confirmation are field errors that say what to fix.
  await page.getByLabel("Current password").fill("not my password");
  await page.getByLabel("New password", { exact: true }).fill("a brand new password");
  await page.getByLabel("New password again").fill("something else entirely");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("Confirmation does not match the new password")).toBeVisible();
  await page.getByLabel("Current password").fill("not my password");
  await page.getByLabel("New password", { exact: true }).fill("a brand new password");
  await page.getByLabel("New password again").fill("a brand new password");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("Current password is not your current password")).toBeVisible();

  await page.getByLabel("Current password").fill(PASSWORD);
  await page.getByLabel("New password", { exact: true }).fill("a brand new password");
  await page.getByLabel("New password again").fill("a brand new password");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page).toHaveURL(/\/sign-in\?notice=password-changed$/);
  await expect(page.getByTestId("sign-in-notice")).toContainText("Sign in with the new password");

  await copiedPage.goto("/dashboard");
  await expect(copiedPage).toHaveURL(/\/sign-in/);
  await copy.close();

  await signIn(PASSWORD);
  await expect(page.getByTestId("sign-in-error")).toBeVisible();
  await signIn("a brand new password");
  await expect(page).toHaveURL(/\/dashboard$/);
});
