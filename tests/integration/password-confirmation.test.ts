// Typing the password again before a sensitive step (revealing the signing key, changing the password) is a
// confirmation, not a sign-in: it records no `user.signed_in` and leaves lastSignInAt alone, and a wrong one is
// recorded as `user.password_confirmation_failed`, not as a failed sign-in. It runs under the sign-in limits all the
// same, so it cannot be used to guess passwords. Over real HTTP, as the panel's forms post.
import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { createPartner } from "../support/factories";
import { randomClientIp } from "../support/http";
import { postServerAction } from "../support/server-actions";
import { signInWithPassword } from "../support/sign-in";

const WRONG_PASSWORD = "not the password";
const NOT_RIGHT = "That password is not right. Type your account password to continue.";
const RATE_LIMITED = "Too many sign-in attempts. Wait a few minutes and try again.";

async function signedInCookie(partner: { email: string; password: string }, ip: string): Promise<string> {
  const { sessionCookie } = await signInWithPassword({ email: partner.email, password: partner.password, ip });
  if (!sessionCookie) throw new Error(`${partner.email} could not sign in`);
  return sessionCookie;
}

function revealSigningKey(options: { cookie: string; password: string; ip: string }) {
  return postServerAction({
    page: "/dashboard/signing-key",
    file: "app/(panel)/dashboard/signing-key/actions.ts",
    name: "revealSigningKeyAction",
    fields: { password: options.password },
    cookie: options.cookie,
    ip: options.ip,
  });
}

function changePassword(options: { cookie: string; currentPassword: string; ip: string }) {
  const newPassword = "a brand new password";
  return postServerAction({
    page: "/account/password",
    file: "app/account/password/actions.ts",
    name: "changePasswordAction",
    fields: { currentPassword: options.currentPassword, newPassword, confirmPassword: newPassword },
    cookie: options.cookie,
    ip: options.ip,
  });
}

/** The user's lastSignInAt and the audit rows about them (oldest first). */
async function signInRecord(userId: string) {
  const db = getDb();
  const [user, rows] = await Promise.all([
    db.user.findUniqueOrThrow({ where: { id: userId }, select: { lastSignInAt: true } }),
    db.auditEvent.findMany({
      where: { targetType: "user", targetId: userId },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: { action: true, actorId: true, ip: true },
    }),
  ]);
  return { lastSignInAt: user.lastSignInAt, rows };
}

describe("confirming the password before a sensitive step", () => {
  it("a right password reveals the key and changes the password without recording a sign-in or moving lastSignInAt", async () => {
    const partner = await createPartner();
    const ip = randomClientIp();
    const cookie = await signedInCookie(partner, ip);
    const before = await signInRecord(partner.userId);
    expect(before.rows.map((row) => row.action)).toEqual(["user.signed_in"]);
    expect(before.lastSignInAt).toBeInstanceOf(Date);

    const revealed = await revealSigningKey({ cookie, password: partner.password, ip });
    expect(revealed.state).toMatchObject({ status: "success", message: "Signing key revealed" });
    await changePassword({ cookie, currentPassword: partner.password, ip });

    const after = await signInRecord(partner.userId);
    expect(after.rows.map((row) => row.action)).toEqual(["user.signed_in", "user.password_changed"]);
    expect(after.lastSignInAt).toEqual(before.lastSignInAt);
  });

  it("a wrong password is recorded as user.password_confirmation_failed, not as a failed sign-in, and each form says so as before", async () => {
    const partner = await createPartner();
    const ip = randomClientIp();
    const cookie = await signedInCookie(partner, ip);

    const reveal = await revealSigningKey({ cookie, password: WRONG_PASSWORD, ip });
    expect(reveal.state).toMatchObject({ status: "error", message: NOT_RIGHT });
    const change = await changePassword({ cookie, currentPassword: WRONG_PASSWORD, ip });
    expect(change.state).toMatchObject({
      status: "error",
      fieldErrors: { currentPassword: "Current password is not your current password" },
    });

    const { rows } = await signInRecord(partner.userId);
    expect(rows).toEqual([
      { action: "user.signed_in", actorId: partner.userId, ip },
      { action: "user.password_confirmation_failed", actorId: partner.userId, ip },
      { action: "user.password_confirmation_failed", actorId: partner.userId, ip },
    ]);
  });

  it("wrong passwords count against the sign-in limits, and a right one gives its points back as a sign-in does", async () => {
    const partner = await createPartner();
    const ip = randomClientIp();
    const cookie = await signedInCookie(partner, ip);

    // 5 failures per account and address: 4 wrong, then a right one clears the count, then 5 more wrong are still
    // answered as wrong passwords.
    for (let attempt = 0; attempt < 4; attempt++) {
      expect((await revealSigningKey({ cookie, password: WRONG_PASSWORD, ip })).state?.message).toBe(NOT_RIGHT);
    }
    expect((await revealSigningKey({ cookie, password: partner.password, ip })).state?.status).toBe("success");
    for (let attempt = 0; attempt < 5; attempt++) {
      const change = await changePassword({ cookie, currentPassword: WRONG_PASSWORD, ip });
      expect(change.state?.fieldErrors?.currentPassword).toBe("Current password is not your current password");
    }

    // The sixth in a row is refused whatever the password, in both forms and at sign-in: they share the windows.
    expect((await revealSigningKey({ cookie, password: partner.password, ip })).state).toMatchObject({
      status: "error",
      message: RATE_LIMITED,
    });
    expect((await changePassword({ cookie, currentPassword: partner.password, ip })).state).toMatchObject({
      status: "error",
      message: RATE_LIMITED,
    });
    const signIn = await signInWithPassword({ email: partner.email, password: partner.password, ip });
    expect(signIn.location).toContain("code=rate_limited");

    // The owner's other address is unaffected (the account is far from "under attack").
    const elsewhere = randomClientIp();
    expect((await revealSigningKey({ cookie, password: partner.password, ip: elsewhere })).state?.status).toBe(
      "success",
    );
  });
});
