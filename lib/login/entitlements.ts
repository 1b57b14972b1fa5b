// Entitlements: an end user's access to a service ("having the access purchased"), granted by an admin or the CLI.

import { normaliseEmail } from "@/lib/auth/schemas";
import { createId } from "@/lib/crypto/random";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";

type EntitlementReader = Pick<ReturnType<typeof getDb>, "entitlement">;

/** A live entitlement is neither revoked nor past its expiry. */
export function liveEntitlementWhere(now: Date) {
  return { revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] };
}

export function describeEntitlementStatus(row: { revokedAt: Date | null; expiresAt: Date | null }, now = new Date()) {
  if (row.revokedAt) return "revoked" as const;
  if (row.expiresAt && row.expiresAt <= now) return "expired" as const;
  return "live" as const;
}

/** Grants (or renews a revoked/expired) entitlement; granting twice keeps one row. */
export async function grantEntitlement(options: {
  email: string;
  serviceId: string;
  expiresAt?: Date | null;
  grantedById?: string | null;
}): Promise<{ id: string }> {
  const db = getDb();
  const email = normaliseEmail(options.email);
  const [user, service] = await Promise.all([
    db.user.findUnique({ where: { email }, select: { id: true } }),
    db.service.findUnique({ where: { id: options.serviceId }, select: { id: true } }),
  ]);
  if (!user) throw new AppError("not_found", `No account with email ${email}.`);
  if (!service) throw new AppError("not_found", `No service with id ${options.serviceId}.`);
  const data = {
    expiresAt: options.expiresAt ?? null,
    revokedAt: null,
    grantedAt: new Date(),
    grantedById: options.grantedById ?? null,
  };
  const row = await db.entitlement.upsert({
    where: { userId_serviceId: { userId: user.id, serviceId: service.id } },
    create: { id: createId("ent"), userId: user.id, serviceId: service.id, ...data },
    update: data,
    select: { id: true },
  });
  return row;
}

export async function revokeEntitlement(options: { id: string }): Promise<void> {
  const result = await getDb().entitlement.updateMany({
    where: { id: options.id, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  if (result.count !== 1) throw new AppError("not_found", "Entitlement not found or already revoked.");
}

export async function listEntitlements(options: { take?: number } = {}) {
  return getDb().entitlement.findMany({
    orderBy: { grantedAt: "desc" },
    take: options.take ?? 200,
    select: {
      id: true,
      grantedAt: true,
      expiresAt: true,
      revokedAt: true,
      user: { select: { email: true } },
      service: { select: { id: true, name: true, state: true, partner: { select: { name: true } } } },
    },
  });
}

/** Services an admin can grant access to (every service; drafts are listed so access can be prepared). */
export async function listGrantableServices() {
  return getDb().service.findMany({
    orderBy: { name: "asc" },
    select: { id: true, name: true, state: true, partner: { select: { name: true } } },
    take: 500,
  });
}

/**
 * Whether `user` may open `service` now: members of the owning partner always may (drafts in development);
 * anyone else needs the service published and a live entitlement.
 */
export async function canOpenService(
  db: EntitlementReader,
  options: {
    user: { id: string; partnerId: string | null };
    service: { id: string; partnerId: string; state: string };
    now: Date;
  },
): Promise<boolean> {
  if (options.user.partnerId && options.user.partnerId === options.service.partnerId) return true;
  if (options.service.state !== "published") return false;
  const entitlement = await db.entitlement.findFirst({
    where: { userId: options.user.id, serviceId: options.service.id, ...liveEntitlementWhere(options.now) },
    select: { id: true },
  });
  return entitlement !== null;
}

/** The end-user catalog: published services with a live entitlement, plus the user's own partner's services. */
export async function listCatalog(options: { userId: string; partnerId: string | null; now?: Date }) {
  const db = getDb();
  const now = options.now ?? new Date();
  const select = {
    id: true,
    name: true,
    url: true,
    state: true,
    status: true,
    partner: { select: { name: true } },
  } as const;
  const entitled = await db.entitlement.findMany({
    where: { userId: options.userId, ...liveEntitlementWhere(now), service: { state: "published" } },
    orderBy: { service: { name: "asc" } },
    select: { expiresAt: true, service: { select } },
  });
  const own = options.partnerId
    ? await db.service.findMany({ where: { partnerId: options.partnerId }, orderBy: { name: "asc" }, select })
    : [];
  return {
    entitled: entitled.map((row) => ({ ...row.service, accessExpiresAt: row.expiresAt })),
    own,
  };
}
