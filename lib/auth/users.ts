import { recordAudit } from "@/lib/audit/audit";
import { runAsActor } from "@/lib/audit/context";
import { createId } from "@/lib/crypto/random";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { commitCredentialChange } from "./auth-generation";
import { getDummyPasswordHash, hashPassword, verifyPassword } from "./passwords";
import { giveBackAttempt, peekAttempts, resetRateLimit, takeAttempt } from "./rate-limit";
import { normaliseEmail, type Role } from "./schemas";
import { revokeUserSessions } from "./sessions";

export interface SessionUser {
  id: string;
  email: string;
  name: string | null;
  role: Role;
  partnerId: string | null;
}

/** The signed-in user confirming their password (the session's fields). */
type ConfirmingUser = Pick<SessionUser, "id" | "email" | "partnerId">;

export async function createUser(options: {
  email: string;
  password: string;
  role: Role;
  name?: string | null;
  partnerId?: string | null;
}): Promise<SessionUser> {
  const db = getDb();
  const email = normaliseEmail(options.email);
  if (await db.user.findUnique({ where: { email }, select: { id: true } })) {
    throw new AppError("conflict", "An account with this email already exists.");
  }
  const user = await db.user.create({
    data: {
      id: createId("usr"),
      email,
      name: options.name ?? null,
      passwordHash: await hashPassword(options.password),
      role: options.role,
      partnerId: options.partnerId ?? null,
    },
  });
  return { id: user.id, email: user.email, name: user.name, role: user.role as Role, partnerId: user.partnerId };
}

// Sign-in limits (README "Sign-in limits"). Failures are what count: every attempt takes its points before the
// password is checked (so parallel guesses are counted too) and a success gives them back.
// - per client address: 10 failures in 15 minutes, whatever the account (password spraying);
// - per account and address: 5 failures in 15 minutes (guessing one account from one place);
// - per account: past 20 failures in 15 minutes the account is "under attack", and only addresses that never failed
//   on it may still try. The owner signing in from their usual address is never locked out by someone else's
//   failures; an attacker needs a fresh address for every guess, and each of those is also spent on the limits above.
const WINDOW_SECONDS = 15 * 60;
const signInWindows = (email: string, ip: string) => ({
  address: { name: "sign-in-ip", key: ip, points: 10, durationSeconds: WINDOW_SECONDS },
  accountAddress: { name: "sign-in-account-ip", key: `${email}|${ip}`, points: 5, durationSeconds: WINDOW_SECONDS },
  account: { name: "sign-in-account", key: email, points: 20, durationSeconds: WINDOW_SECONDS },
});

function signInRateLimited(retryAfterSeconds: number): AppError {
  return new AppError("rate_limited", "Too many sign-in attempts. Wait a few minutes and try again.", {
    headers: { "Retry-After": String(retryAfterSeconds) },
  });
}

/**
 * The one check of a user's password, under the sign-in limits above; it records nothing. `user` is null for an
 * unknown e-mail, which is still checked against a dummy hash so that it takes as long as a known one.
 */
async function checkPassword(options: { email: string; password: string; ip: string }) {
  const windows = signInWindows(options.email, options.ip);
  const address = await takeAttempt(windows.address);
  if (!address.allowed) throw signInRateLimited(address.retryAfterSeconds);
  const accountAddress = await takeAttempt(windows.accountAddress);
  if (!accountAddress.allowed) throw signInRateLimited(accountAddress.retryAfterSeconds);
  if (accountAddress.consumed > 1) {
    const account = await peekAttempts(windows.account);
    if (account.consumed >= windows.account.points) throw signInRateLimited(account.retryAfterSeconds);
  }

  const user = await getDb().user.findUnique({ where: { email: options.email } });
  const valid = user
    ? await verifyPassword(user.passwordHash, options.password)
    : await verifyPassword(await getDummyPasswordHash(), options.password).then(() => false);
  if (!user || !valid) {
    await takeAttempt(windows.account);
    return { user, valid: false };
  }
  await Promise.all([giveBackAttempt(windows.address), resetRateLimit(windows.accountAddress)]);
  return { user, valid: true };
}

/** Signs in: checks email + password, records the sign-in or its failure. Returns null on bad credentials. */
export async function verifyCredentials(options: {
  email: string;
  password: string;
  ip: string;
}): Promise<SessionUser | null> {
  const email = normaliseEmail(options.email);
  const { user, valid } = await checkPassword({ email, password: options.password, ip: options.ip });
  const signInAudit = (action: "user.signed_in" | "user.sign_in_failed", db: Parameters<typeof recordAudit>[0]) =>
    runAsActor({ actor: { type: "user", id: user?.id ?? "unknown", email }, ip: options.ip }, () =>
      recordAudit(db, {
        // Unknown e-mails and admins have no partner: those rows are platform-wide (admins see them).
        partnerId: user?.partnerId ?? null,
        action,
        target: { type: "user", id: user?.id ?? "unknown" },
      }),
    );
  if (!user || !valid) {
    await signInAudit("user.sign_in_failed", getDb());
    return null;
  }
  await getDb().$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { lastSignInAt: new Date() } });
    await signInAudit("user.signed_in", tx);
  });
  return { id: user.id, email: user.email, name: user.name, role: user.role as Role, partnerId: user.partnerId };
}

/**
 * A signed-in user types their password again before a sensitive step. The same check and limits as signing in, so
 * it cannot be used to guess passwords, but it is not a sign-in: no `user.signed_in`, lastSignInAt unchanged, and a
 * wrong password is recorded as `user.password_confirmation_failed` (by the acting user, in the caller's context).
 */
async function isPasswordConfirmed(options: { user: ConfirmingUser; password: string; ip: string }): Promise<boolean> {
  // An empty field is no attempt: nothing is counted or recorded.
  if (!options.password) return false;
  const { user } = options;
  const { valid } = await checkPassword({
    email: normaliseEmail(user.email),
    password: options.password,
    ip: options.ip,
  });
  if (!valid) {
    await recordAudit(getDb(), {
      partnerId: user.partnerId,
      action: "user.password_confirmation_failed",
      target: { type: "user", id: user.id },
    });
  }
  return valid;
}

/** A fresh password confirmation for a sensitive step (revealing a signing key). Throws 403 when wrong. */
export async function confirmUserPassword(options: {
  user: ConfirmingUser;
  password: string;
  ip: string;
}): Promise<void> {
  if (!(await isPasswordConfirmed(options))) {
    throw new AppError("forbidden", "That password is not right. Type your account password to continue.");
  }
}

/**
 * Changes a signed-in user's password after confirming the current one (isPasswordConfirmed), and ends every
 * browser session of that user in the same commit: a cookie stolen before the change stops working at once, on every
 * instance within a second. The caller signs the user out; they sign in again with the new password.
 */
export async function changePassword(options: {
  user: ConfirmingUser;
  currentPassword: string;
  newPassword: string;
  ip: string;
}): Promise<{ endedSessions: number }> {
  const { user } = options;
  if (!(await isPasswordConfirmed({ user, password: options.currentPassword, ip: options.ip }))) {
    throw new AppError("invalid_request", "currentPassword: is not your current password");
  }
  if (options.newPassword === options.currentPassword) {
    throw new AppError("invalid_request", "newPassword: must differ from your current password");
  }
  const passwordHash = await hashPassword(options.newPassword);
  return commitCredentialChange(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { passwordHash } });
    const { revoked } = await revokeUserSessions(user.id, tx);
    await recordAudit(tx, {
      partnerId: user.partnerId,
      action: "user.password_changed",
      target: { type: "user", id: user.id },
      data: { ended_sessions: revoked },
    });
    return { endedSessions: revoked };
  });
}

export async function getUserById(id: string): Promise<SessionUser | null> {
  const user = await getDb().user.findUnique({
    where: { id },
    select: { id: true, email: true, name: true, role: true, partnerId: true },
  });
  return user ? { ...user, role: user.role as Role } : null;
}
