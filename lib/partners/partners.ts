import { randomUUID } from "node:crypto";
import { hashPassword } from "@/lib/auth/passwords";
import { normaliseEmail } from "@/lib/auth/schemas";
import { createId } from "@/lib/crypto/random";
import { getDb } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/errors";
import { AppError } from "@/lib/errors";
import { forgetPartnerTokenSettings } from "@/lib/tokens/signing-keys";
import type { PartnerQuotasInput } from "./schemas";

export type PartnerStatus = "pending" | "approved" | "rejected";

export interface PartnerAccount {
  partnerId: string;
  userId: string;
  customerId: string;
}

/** Creates a partner company and its first member in one transaction. New partners are pending. */
export async function createPartnerAccount(options: {
  email: string;
  password: string;
  name: string;
  company?: string;
  timeZone?: string;
  approve?: boolean;
}): Promise<PartnerAccount> {
  const db = getDb();
  const email = normaliseEmail(options.email);
  const passwordHash = await hashPassword(options.password);
  if (await db.user.findUnique({ where: { email }, select: { id: true } })) {
    throw new AppError("conflict", "An account with this email already exists.");
  }
  const partnerId = createId("ptn");
  const userId = createId("usr");
  const customerId = randomUUID().toUpperCase();
  try {
    await db.$transaction([
      db.partner.create({
        data: {
          id: partnerId,
          name: options.company?.trim() || options.name,
          customerId,
          timeZone: options.timeZone ?? "UTC",
          status: options.approve ? "approved" : "pending",
          reviewedAt: options.approve ? new Date() : null,
        },
      }),
      db.user.create({ data: { id: userId, email, name: options.name, passwordHash, role: "partner", partnerId } }),
    ]);
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError("conflict", "An account with this email already exists.");
    }
    throw error;
  }
  return { partnerId, userId, customerId };
}

export async function getPartnerOrThrow(partnerId: string) {
  const partner = await getDb().partner.findUnique({ where: { id: partnerId } });
  if (!partner) throw new AppError("not_found", "Partner not found.");
  return partner;
}

export async function listPartnersForReview(options: { status?: PartnerStatus } = {}) {
  return getDb().partner.findMany({
    where: options.status ? { status: options.status } : undefined,
    orderBy: { createdAt: "desc" },
    include: { users: { select: { email: true, name: true }, take: 1, orderBy: { createdAt: "asc" } } },
    take: 200,
  });
}

/** A rejection carries the admin's reason, which the partner sees; approval clears it. */
export async function reviewPartner(options: {
  partnerId: string;
  decision: "approved" | "rejected";
  reason?: string;
}) {
  const result = await getDb().partner.updateMany({
    where: { id: options.partnerId },
    data: {
      status: options.decision,
      reviewedAt: new Date(),
      reviewReason: options.decision === "rejected" ? options.reason || null : null,
    },
  });
  if (result.count !== 1) throw new AppError("not_found", "Partner not found.");
}

/**
 * Token-issuance quotas. Issuance caches them a few seconds per process (lib/tokens/signing-keys), so a change
 * applies within that time everywhere and at once in this process.
 */
export async function updatePartnerQuotas(options: { partnerId: string; quotas: PartnerQuotasInput }) {
  const result = await getDb().partner.updateMany({
    where: { id: options.partnerId },
    data: {
      tokenRateLimitPerMinute: options.quotas.token_issuance_per_minute,
      phoneRateLimitPerMinute: options.quotas.per_phone_number_per_minute,
    },
  });
  if (result.count !== 1) throw new AppError("not_found", "Partner not found.");
  forgetPartnerTokenSettings(options.partnerId);
}

export async function updatePartnerSettings(options: {
  partnerId: string;
  name: string;
  timeZone: string;
  customerId: string;
}) {
  try {
    await getDb().partner.update({
      where: { id: options.partnerId },
      data: { name: options.name, timeZone: options.timeZone, customerId: options.customerId },
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError("conflict", "This customer id is already taken.");
    }
    throw error;
  }
}
