// Management-API bearer tokens: shown once, stored as SHA-256, revocable, rollable with an overlap (as Stripe).
import { recordAudit } from "@/lib/audit/audit";
import { getAuditContext } from "@/lib/audit/context";
import { generateApiToken, isWellFormedApiToken } from "@/lib/crypto/api-token";
import { sha256Hex } from "@/lib/crypto/hash";
import { createId } from "@/lib/crypto/random";
import { createBestEffortWriter } from "@/lib/db/best-effort-writer";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { recordEvent } from "@/lib/events/outbox";
import { hasPartnerRole, type PartnerRole, partnerRoleSchema } from "@/lib/members/roles";
import { commitCredentialChange, createCredentialCache } from "./auth-generation";

const tokenSelect = {
  id: true,
  name: true,
  role: true,
  lastFour: true,
  createdAt: true,
  lastUsedAt: true,
  expiresAt: true,
  revokedAt: true,
  rolledToId: true,
} as const;

/**
 * A new token's role is at most its creator's: by default the acting member's or token's own role (scripts and the
 * CLI act as the system and make owner tokens), so nobody can mint a token stronger than themselves.
 * `announce`: also write an `api_token.created` outbox event (partner-made tokens, not factories or the CLI).
 */
export async function createApiToken(options: {
  partnerId: string;
  name: string;
  expiresAt?: Date | null;
  announce?: boolean;
  role?: PartnerRole;
}) {
  const acting = getAuditContext().role;
  const role = options.role ?? acting ?? "owner";
  if (acting && !hasPartnerRole(acting, role)) {
    throw new AppError("forbidden", `A ${acting} cannot create a token with the ${role} role.`);
  }
  const token = generateApiToken();
  const record = await getDb().$transaction(async (tx) => {
    const created = await tx.apiToken.create({
      data: {
        id: createId("tok"),
        partnerId: options.partnerId,
        name: options.name,
        role,
        tokenHash: sha256Hex(token),
        lastFour: token.slice(-4),
        expiresAt: options.expiresAt ?? null,
      },
      select: tokenSelect,
    });
    if (options.announce) {
      await recordEvent(tx, {
        partnerId: options.partnerId,
        type: "api_token.created",
        data: { id: created.id, name: created.name },
      });
    }
    await recordAudit(tx, {
      partnerId: options.partnerId,
      action: "api_token.created",
      target: { type: "api_token", id: created.id },
      data: { after: { name: options.name, role, last_four: created.lastFour } },
    });
    return created;
  });
  return { ...record, token };
}

export async function listApiTokens(options: { partnerId: string; includeRevoked?: boolean }) {
  return getDb().apiToken.findMany({
    where: { partnerId: options.partnerId, ...(options.includeRevoked === false ? { revokedAt: null } : {}) },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: tokenSelect,
  });
}

/**
 * Revokes a token: from the commit on, every route refuses it (401) on this instance at once and on every other
 * instance within a second (lib/auth/auth-generation). The panel, the API and scripts all revoke through here.
 */
export async function revokeApiToken(options: { partnerId: string; tokenId: string }) {
  const result = await commitCredentialChange(async (tx) => {
    const updated = await tx.apiToken.updateMany({
      where: { id: options.tokenId, partnerId: options.partnerId, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    if (updated.count === 1) {
      await recordEvent(tx, { partnerId: options.partnerId, type: "api_token.revoked", data: { id: options.tokenId } });
      await recordAudit(tx, {
        partnerId: options.partnerId,
        action: "api_token.revoked",
        target: { type: "api_token", id: options.tokenId },
      });
    }
    return updated;
  });
  if (result.count !== 1) throw new AppError("not_found", "API token not found or already revoked.");
}

/** Issues a replacement token; the old one keeps working until `oldExpiresAt` (now = immediately). */
export async function rollApiToken(options: { partnerId: string; tokenId: string; oldExpiresAt: Date }) {
  const db = getDb();
  const old = await db.apiToken.findFirst({
    where: { id: options.tokenId, partnerId: options.partnerId, revokedAt: null },
    select: { id: true, name: true, expiresAt: true, role: true },
  });
  if (!old) throw new AppError("not_found", "API token not found or already revoked.");
  const replacement = await createApiToken({
    partnerId: options.partnerId,
    name: old.name,
    expiresAt: null,
    role: partnerRoleSchema.parse(old.role),
  });
  const oldExpiresAt = old.expiresAt && old.expiresAt < options.oldExpiresAt ? old.expiresAt : options.oldExpiresAt;
  await commitCredentialChange(async (tx) => {
    await tx.apiToken.update({ where: { id: old.id }, data: { expiresAt: oldExpiresAt, rolledToId: replacement.id } });
    await recordAudit(tx, {
      partnerId: options.partnerId,
      action: "api_token.rolled",
      target: { type: "api_token", id: old.id },
      data: { after: { replaced_by: replacement.id, expires_at: oldExpiresAt.toISOString() } },
    });
  });
  return replacement;
}

// Opt-in lookup cache for hot routes (token issuance, redemption): a hit costs no query. Entries count only under the
// current auth generation, so a revocation anywhere is seen on the next request here and within 1 s everywhere.
const lookupCache = createCredentialCache({ load: findApiTokenRecord, maxEntries: 10_000 });

function findApiTokenRecord(tokenHash: string) {
  return getDb().apiToken.findUnique({
    where: { tokenHash },
    select: {
      id: true,
      partnerId: true,
      role: true,
      revokedAt: true,
      expiresAt: true,
      lastUsedAt: true,
      partner: { select: { id: true, status: true, customerId: true, timeZone: true, name: true } },
    },
  });
}

// `lastUsedAt` is bookkeeping, not authentication: it is written off the request path, at most once a minute per
// token, in batches, best-effort. A database that refuses writes (read-only, disk full) then costs a log line, and
// reads keep working.
const LAST_USED_RESOLUTION_MS = 60_000;
const lastUsedWriter = createBestEffortWriter<Date>({
  name: "api-token last_used_at",
  flushMs: 2_000,
  write: async (uses) => {
    const db = getDb();
    await db.$transaction(
      [...uses].map(([id, at]) =>
        db.apiToken.updateMany({ where: { id, lastUsedAt: { lt: at } }, data: { lastUsedAt: at } }),
      ),
    );
  },
});
const lastUsedSeen = new Map<string, number>();

function noteTokenUse(record: { id: string; lastUsedAt: Date | null }, now: Date): void {
  const seen = Math.max(lastUsedSeen.get(record.id) ?? 0, record.lastUsedAt?.getTime() ?? 0);
  if (now.getTime() - seen <= LAST_USED_RESOLUTION_MS) return;
  if (lastUsedSeen.size >= 100_000) lastUsedSeen.clear();
  lastUsedSeen.set(record.id, now.getTime());
  lastUsedWriter.record(record.id, now);
}

/**
 * Resolves a bearer token to its approved partner, or throws 401/403. Reads only: nothing here writes.
 * `cacheTtlMs` > 0 serves repeated lookups of a valid token from memory for that long, while no credential changed
 * (see lib/auth/auth-generation); the default 0 reads the database every time.
 */
export async function authenticateApiToken(token: string, options: { cacheTtlMs?: number } = {}) {
  if (!isWellFormedApiToken(token)) throw new AppError("unauthorized", "Invalid API token.");
  const now = new Date();
  const record = await lookupCache.get(sha256Hex(token), options.cacheTtlMs ?? 0, now.getTime());
  if (!record || record.revokedAt || (record.expiresAt && record.expiresAt <= now)) {
    throw new AppError("unauthorized", "Invalid, expired or revoked API token.");
  }
  if (record.partner.status !== "approved") {
    throw new AppError("partner_pending", "Your partnership has not been approved yet.");
  }
  noteTokenUse(record, now);
  return { tokenId: record.id, role: partnerRoleSchema.catch("viewer").parse(record.role), partner: record.partner };
}
