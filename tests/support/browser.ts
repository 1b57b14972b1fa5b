// Helpers for the Playwright specs: accounts made with the CLI (as an operator would), signing in through the page,
// and the management API with a partner's token.
import { type APIRequestContext, expect, type Page } from "@playwright/test";
import { createPartnerWithCli } from "./cli";

export const PASSWORD = "a long enough password";

/** A short id unique to this test, for e-mail addresses and names. */
export function uniqueRunId(): string {
  return `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

/** An approved partner (with an API token, as `partner:create` makes one) whose owner signs in with PASSWORD. */
export function createApprovedPartner(prefix: string, options: { timeZone?: string } = {}) {
  const runId = uniqueRunId();
  const email = `${prefix}-${runId}@acme.test`;
  const created = createPartnerWithCli({ email, name: `Acme ${runId}`, password: PASSWORD, ...options });
  return { email, runId, apiToken: created.api_token, partnerId: created.partner_id };
}

/** Fills the sign-in form on the page already open (sign-in itself, or where a guard sent the visitor). */
export async function submitSignIn(page: Page, email: string): Promise<void> {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
}

export async function signIn(page: Page, email: string): Promise<void> {
  await page.goto("/sign-in");
  await submitSignIn(page, email);
  await expect(page).not.toHaveURL(/\/sign-in/);
}

/** The management API as a partner's backend calls it; any non-2xx fails the test with the answer's text. */
export function api(request: APIRequestContext, token: string) {
  const headers = { authorization: `Bearer ${token}` };
  const check = async (path: string, response: Awaited<ReturnType<APIRequestContext["get"]>>) => {
    expect(response.ok(), `${path}: ${await response.text()}`).toBe(true);
    return response.status() === 204 ? {} : ((await response.json()) as Record<string, string>);
  };
  return {
    get: async (path: string) => check(path, await request.get(path, { headers })),
    post: async (path: string, data: unknown) => check(path, await request.post(path, { headers, data })),
    put: async (path: string, data: unknown) => check(path, await request.put(path, { headers, data })),
    text: async (path: string) => {
      const response = await request.get(path, { headers });
      expect(response.ok(), `${path}: ${response.status()}`).toBe(true);
      return response.text();
    },
  };
}
