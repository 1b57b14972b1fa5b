// The panel's one page guard, over real HTTP against the built app: the same outcome on every page for the same user.
import { describe, expect, it } from "vitest";
import type { Role } from "@/lib/auth/schemas";
import { createUser } from "@/lib/auth/users";
import { reviewPartner } from "@/lib/partners/partners";
import { createPartner, uniqueEmail } from "../support/factories";
import { api } from "../support/http";
import { signInWithPassword } from "../support/sign-in";

const PARTNER_PAGES = [
  "/dashboard",
  "/dashboard/services",
  "/dashboard/webhooks",
  "/dashboard/services/svc_missing/callback",
  "/dashboard/services/svc_missing/monitoring",
  "/dashboard/transactions/export",
];

let nextIp = 10;
async function sessionCookie(who: { email: string; password: string }): Promise<string> {
  const { sessionCookie } = await signInWithPassword({ ...who, ip: `198.51.100.${nextIp++}` });
  expect(sessionCookie).toBeTruthy();
  return sessionCookie as string;
}

async function userWithRole(role: Exclude<Role, "partner">) {
  const who = { email: uniqueEmail(role), password: "correct horse battery staple" };
  await createUser({ ...who, role });
  return who;
}

function expectRedirect(response: Response, location: string) {
  expect(response.status, `redirect to ${location}`).toBeGreaterThanOrEqual(300);
  expect(response.status).toBeLessThan(400);
  const target = new URL(response.headers.get("location") ?? "", "http://portico.test");
  expect(target.pathname + target.search).toBe(location);
}

describe("panel page guard", () => {
  it("sends a signed-out visitor of any partner page to sign-in, with the page as callbackUrl", async () => {
    for (const path of PARTNER_PAGES) {
      expectRedirect(await api(path), `/sign-in?callbackUrl=${encodeURIComponent(path)}`);
    }
  });

  it("sends an admin or an end user who opens a partner page to their own home", async () => {
    const admin = await sessionCookie(await userWithRole("admin"));
    const endUser = await sessionCookie(await userWithRole("end_user"));
    for (const path of PARTNER_PAGES) {
      expectRedirect(await api(path, { headers: { cookie: admin } }), "/admin/partners");
      expectRedirect(await api(path, { headers: { cookie: endUser } }), "/catalog");
    }
  });

  it("sends a signed-out visitor of an admin page or the catalog to sign-in, with the page as callbackUrl", async () => {
    for (const path of ["/admin/services", "/admin/entitlements", "/catalog"]) {
      expectRedirect(await api(path), `/sign-in?callbackUrl=${encodeURIComponent(path)}`);
    }
  });

  it("sends a partner member who opens an admin page to the dashboard", async () => {
    const partner = await createPartner();
    const cookie = await sessionCookie(partner);
    expectRedirect(await api("/admin/services", { headers: { cookie } }), "/dashboard");
  });

  it("shows a declined partner its pages with the 'declined' notice, never 'pending'", async () => {
    const partner = await createPartner({ approve: false });
    await reviewPartner({ partnerId: partner.partnerId, decision: "rejected" });
    const cookie = await sessionCookie(partner);
    const response = await api("/dashboard", { headers: { cookie } });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain("partner-rejected-banner");
    expect(html).not.toContain("partner-pending-banner");
  });
});
