// Browser sessions end on the server. A cookie captured before sign-out (or before "sign out of all
// devices", a password change or a member's removal) no longer authenticates anywhere.
import { describe, expect, inject, it } from "vitest";
import { revokeUserSessions } from "@/lib/auth/sessions";
import { changePassword } from "@/lib/auth/users";
import { getDb } from "@/lib/db/client";
import { createPartner } from "../support/factories";
import { sessionUser, signInWithPassword, signOutWithCookie } from "../support/sign-in";

async function signedIn(partner: { email: string; password: string }) {
  const { sessionCookie } = await signInWithPassword({ email: partner.email, password: partner.password });
  if (!sessionCookie) throw new Error("sign-in failed");
  expect(await sessionUser(sessionCookie)).toMatchObject({ email: partner.email });
  return sessionCookie;
}

/** Each cookie answers no user within 1 s of `since` (another process's change reaches the server at its next poll). */
async function expectSessionsEndedWithinASecond(cookies: readonly string[], since: number) {
  for (const cookie of cookies) {
    while ((await sessionUser(cookie)) !== null) expect(Date.now() - since).toBeLessThan(1_000);
  }
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
    await expectSessionsEndedWithinASecond(cookies, revokedAt);
    expect((await openDashboard(cookies[0])).headers.get("location")).toContain("/sign-in");
    expect(await sessionUser(otherCookie)).toMatchObject({ email: other.email });
  });
});

describe("changing the password", () => {
  it("ends every session of the user, keeps the audit record, and only the new password signs in", async () => {
    const partner = await createPartner();
    const cookies = [await signedIn(partner), await signedIn(partner)];
    const user = { id: partner.userId, email: partner.email, partnerId: partner.partnerId };
    const newPassword = `${partner.password} changed`;

    const changedAt = Date.now();
    expect(await changePassword({ user, currentPassword: partner.password, newPassword, ip: "203.0.113.9" })).toEqual({
      endedSessions: 2,
    });
    await expectSessionsEndedWithinASecond(cookies, changedAt);
    expect((await signInWithPassword({ email: partner.email, password: partner.password })).sessionCookie).toBeFalsy();
    await signedIn({ email: partner.email, password: newPassword });
    const audit = await getDb().auditEvent.findMany({
      where: { partnerId: partner.partnerId, action: "user.password_changed" },
    });
    expect(audit).toHaveLength(1);
  });

  it("is refused, changing nothing, when the current password is wrong", async () => {
    const partner = await createPartner();
    const cookie = await signedIn(partner);
    const user = { id: partner.userId, email: partner.email, partnerId: partner.partnerId };
    await expect(
      changePassword({
        user,
        currentPassword: "not the password",
        newPassword: "a new password 123",
        ip: "203.0.113.9",
      }),
    ).rejects.toMatchObject({ code: "invalid_request", message: "currentPassword: is not your current password" });
    expect(await sessionUser(cookie)).toMatchObject({ email: partner.email });
    await signedIn(partner);
  });
});
