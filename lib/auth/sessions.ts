// Server-side browser sessions. The session cookie is next-auth's JWT, which carries the id of a `UserSession` row;
// a cookie counts only while that row exists, is unexpired and unrevoked. Lookups are cached per session and dropped
// on every credential change (lib/auth/auth-generation), so checking costs no query on most requests.
import { createId } from "@/lib/crypto/random";
import { getDb, type Prisma } from "@/lib/db/client";
import { commitCredentialChange, createCredentialCache } from "./auth-generation";

export const SESSION_MAX_AGE_SECONDS = 7 * 24 * 3600;
const SESSION_CACHE_TTL_MS = 60_000;

const sessionCache = createCredentialCache({
  load: (sessionId: string) =>
    getDb().userSession.findUnique({
      where: { id: sessionId },
      select: { userId: true, expiresAt: true, revokedAt: true },
    }),
  maxEntries: 10_000,
});

/** Records a new session for a user who just signed in; returns its id (the JWT's `sid`). */
export async function startUserSession(userId: string): Promise<string> {
  const db = getDb();
  const now = new Date();
  const id = createId("ses");
  await db.userSession.create({
    data: { id, userId, expiresAt: new Date(now.getTime() + SESSION_MAX_AGE_SECONDS * 1000) },
  });
  // Housekeeping on a path that writes anyway: this user's sessions that have run out.
  await db.userSession.deleteMany({ where: { userId, expiresAt: { lt: now } } });
  return id;
}

/** True while the session exists, belongs to this user, has not expired and was not revoked. Reads only. */
export async function isUserSessionActive(options: { sessionId: string; userId: string }): Promise<boolean> {
  const session = await sessionCache.get(options.sessionId, SESSION_CACHE_TTL_MS);
  return Boolean(
    session && session.userId === options.userId && !session.revokedAt && session.expiresAt.getTime() > Date.now(),
  );
}

/** Sign-out: ends this one session (other browsers of the same user stay signed in). */
export async function revokeUserSession(sessionId: string): Promise<void> {
  await commitCredentialChange(
    getDb().userSession.updateMany({ where: { id: sessionId, revokedAt: null }, data: { revokedAt: new Date() } }),
  );
}

/**
 * Ends every session of a user at once ("sign out of all devices", password change, removal from a team): their
 * cookies stop authenticating on this instance on the next request and on every instance within a second.
 * With `tx`, the revocation is part of the caller's transaction, which must be committed through
 * commitCredentialChange (that bumps the auth generation with it).
 */
export async function revokeUserSessions(userId: string, tx?: Prisma.TransactionClient): Promise<{ revoked: number }> {
  const revoke = (db: Pick<Prisma.TransactionClient, "userSession">) =>
    db.userSession.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: new Date() } });
  const result = tx ? await revoke(tx) : await commitCredentialChange(revoke(getDb()));
  return { revoked: result.count };
}
