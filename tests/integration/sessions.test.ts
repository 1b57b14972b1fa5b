// Browser sessions end on the server. A cookie captured before sign-out (or before "sign out of all
// devices", a password change or a member's removal) no longer authenticates anywhere.
import { describe, expect, inject, it } from "vitest";
import { revokeUserSessions } from "@/lib/auth/sessions";
import { createPartner } from "../support/factories";
import { sessionUser, signInWithPassword, signOutWithCookie } from "../support/sign-in";

async function signedIn(partner: { email: string; password: string }) {
  const { sessionCookie } = await signInWithPassword({ email: partner.email, password: partner.password });
  if (!sessionCookie) throw new Error("sign-in failed");
  expect(await sessionUser(sessionCookie)).toMatchObject({ email: partner.email });
  return sessionCookie;
}

function openDashboard(sessionCookie: string) {
  return fetch(`${inject("baseUrl")}/dashboard`, { headers: { cookie: sessionCookie }, redirect: "manual" });
}

describe("sign-out ends the session on the server", () => {
  it("after POST /api/auth/signout the old cookie answers no user and the panel redirects to sign-in", async () => {
    const partner = await createPartner();
    const cookie = await signedIn(partner);
    expect((await openDashboard(cookie)).status).toBe(200);

    const signOut = await signOutWithCookie(cookie);
    expect(signOut.status).toBeLessThan(400);

    expect(await sessionUser(cookie)).toBeNull();
    const page = await openDashboard(cookie);
    expect(page.status).toBe(307);
    expect(page.headers.get("location")).toContain("/sign-in");
  });

  it("signing out one browser leaves the user's other sessions signed in", async () => {
    const partner = await createPartner();
    const first = await signedIn(partner);
    const second = await signedIn(partner);
    await signOutWithCookie(first);
    expect(await sessionUser(first)).toBeNull();
    expect(await sessionUser(second)).toMatchObject({ email: partner.email });
  });

  it("revokeUserSessions (all devices, password change, member removal) ends every session of that user within 1 s", async () => {
    const partner = await createPartner();
    const other = await createPartner();
    const cookies = [await signedIn(partner), await signedIn(partner)] as const;
    const otherCookie = await signedIn(other);

    const revokedAt = Date.now();
    await revokeUserSessions(partner.userId);
    // Revoked by another process (this test worker): the server sees it at its next generation poll.
    for (const cookie of cookies) {
      while ((await sessionUser(cookie)) !== null) expect(Date.now() - revokedAt).toBeLessThan(1_000);
    }
    expect((await openDashboard(cookies[0])).headers.get("location")).toContain("/sign-in");
    expect(await sessionUser(otherCookie)).toMatchObject({ email: other.email });
  });
});
