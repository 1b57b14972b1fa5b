import { type Browser, expect, type Page, test } from "@playwright/test";
import { createPartnerWithCli } from "../support/cli";

const PASSWORD = "a long enough password";

async function signIn(page: Page, email: string): Promise<void> {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
}

async function newPage(browser: Browser): Promise<Page> {
  return (await browser.newContext()).newPage();
}

test("owner invites a developer who joins and creates a service; a viewer sees it but cannot change it", async ({
  page,
  browser,
  request,
}) => {
  test.setTimeout(180_000); // three people, each an argon2 sign-in
  const runId = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const ownerEmail = `owner-${runId}@acme.test`;
  const developerEmail = `dev-${runId}@acme.test`;
  const viewerEmail = `viewer-${runId}@acme.test`;
  const serviceName = `Team app ${runId}`;
  const owner = createPartnerWithCli({ email: ownerEmail, name: "Olive Owner", password: PASSWORD });

  // 1. The owner invites a developer from the Team page and gets the one-time link.
  await signIn(page, ownerEmail);
  await page.goto("/dashboard/team");
  await expect(page.getByTestId("my-role")).toHaveText("owner");
  // By id: the member rows' role dialogs have "Role" fields of their own.
  await page.locator("#email").fill(developerEmail);
  await page.locator("#role").selectOption("developer");
  await page.getByRole("button", { name: "Invite" }).click();
  const link = (await page.getByTestId("invitation-link").first().textContent())?.trim() ?? "";
  expect(link).toMatch(/\/invite\/inv_/);

  // 2. The developer opens it in their own browser, creates an account, and lands in the partner's dashboard.
  const developer = await newPage(browser);
  await developer.goto(new URL(link).pathname);
  await expect(developer.getByRole("heading", { name: /Join / })).toBeVisible();
  await developer.getByLabel("Your name").fill("Dev Eloper");
  await developer.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await developer.getByRole("button", { name: "Create account and join" }).click();
  await expect(developer).toHaveURL(/\/dashboard$/);
  await developer.goto("/dashboard/services");
  await developer.getByRole("link", { name: "New service" }).click();
  await developer.getByLabel("Name").fill(serviceName);
  await developer.getByLabel("URL").fill("http://127.0.0.1:9/app");
  await developer.getByRole("button", { name: "Create service" }).click();
  await expect(developer.getByText(serviceName).first()).toBeVisible();

  // The owner's Team page lists the developer now.
  await page.reload();
  await expect(page.getByTestId(`member-row-${developerEmail}`)).toContainText("developer");

  // 3. A viewer (invited over the API) sees the service but no button to change it.
  const invited = await request.post("/api/v1/invitations", {
    headers: { authorization: `Bearer ${owner.api_token}` },
    data: { email: viewerEmail, role: "viewer" },
  });
  expect(invited.status()).toBe(201);
  const token = new URL(((await invited.json()) as { accept_url: string }).accept_url).pathname.split("/").at(-1);
  const accepted = await request.post(`/api/invitations/${token}/accept`, {
    data: { name: "Vi Ewer", password: PASSWORD },
  });
  expect(accepted.status()).toBe(201);
  const viewer = await newPage(browser);
  await signIn(viewer, viewerEmail);
  await viewer.goto("/dashboard/services");
  await viewer.getByRole("link", { name: serviceName }).click();
  await expect(viewer.getByRole("heading", { name: serviceName })).toBeVisible();
  await expect(viewer.getByRole("button", { name: /Delete|Rotate secret/ })).toHaveCount(0);
  await viewer.goto("/dashboard/services");
  await expect(viewer.getByRole("link", { name: "New service" })).toHaveCount(0);

  // 4. Even without the button, the server refuses the viewer's change.
  await viewer.goto("/dashboard/services/new");
  await viewer.getByLabel("Name").fill("Not allowed");
  await viewer.getByLabel("URL").fill("http://127.0.0.1:9/other");
  await viewer.getByRole("button", { name: "Create service" }).click();
  await expect(viewer.getByText(/needs the developer role/).first()).toBeVisible();
  const services = await request.get("/api/v1/services", { headers: { authorization: `Bearer ${owner.api_token}` } });
  expect(((await services.json()) as { data: { name: string }[] }).data.map((s) => s.name)).toEqual([serviceName]);
});
