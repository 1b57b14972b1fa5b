import { recordAudit } from "@/lib/audit/audit";
import { runAsActor } from "@/lib/audit/context";
import { createId } from "@/lib/crypto/random";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { getDummyPasswordHash, hashPassword, verifyPassword } from "./passwords";
import { consumeRateLimit } from "./rate-limit";
import { normaliseEmail, type Role } from "./schemas";

export interface SessionUser {
  id: string;
  email: string;
  name: string | null;
  role: Role;
  partnerId: string | null;
}

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

const SIGN_IN_LIMIT = { points: 10, durationSeconds: 15 * 60 };

/** Checks email + password, rate limited per account and per client IP. Returns null on bad credentials. */
export async function verifyCredentials(options: {
  email: string;
  password: string;
  ip: string;
}): Promise<SessionUser | null> {
  const email = normaliseEmail(options.email);
  await consumeRateLimit({
    name: "sign-in",
    keys: [`account:${email}`, `ip:${options.ip}`],
    ...SIGN_IN_LIMIT,
    message: () => "Too many sign-in attempts. Wait a few minutes and try again.",
  });
  const user = await getDb().user.findUnique({ where: { email } });
  const signInAudit = (action: "user.signed_in" | "user.sign_in_failed", db: Parameters<typeof recordAudit>[0]) =>
    runAsActor({ actor: { type: "user", id: user?.id ?? "unknown", email }, ip: options.ip }, () =>
      recordAudit(db, {
        // Unknown e-mails and admins have no partner: those rows are platform-wide (admins see them).
        partnerId: user?.partnerId ?? null,
        action,
        target: { type: "user", id: user?.id ?? "unknown" },
      }),
    );
  if (!user) {
    await verifyPassword(await getDummyPasswordHash(), options.password);
    await signInAudit("user.sign_in_failed", getDb());
    return null;
  }
  if (!(await verifyPassword(user.passwordHash, options.password))) {
    await signInAudit("user.sign_in_failed", getDb());
    return null;
  }
  await getDb().$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { lastSignInAt: new Date() } });
    await signInAudit("user.signed_in", tx);
  });
  return { id: user.id, email: user.email, name: user.name, role: user.role as Role, partnerId: user.partnerId };
}

export async function getUserById(id: string): Promise<SessionUser | null> {
  const user = await getDb().user.findUnique({
    where: { id },
    select: { id: true, email: true, name: true, role: true, partnerId: true },
  });
  return user ? { ...user, role: user.role as Role } : null;
}
