import { randomUUID } from "node:crypto";
import { recordAudit } from "@/lib/audit/audit";
import { commitCredentialChange } from "@/lib/auth/auth-generation";
import { hashPassword } from "@/lib/auth/passwords";
import { normaliseEmail } from "@/lib/auth/schemas";
import { createId } from "@/lib/crypto/random";
import { getDb } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/errors";
import { AppError } from "@/lib/errors";
import { listAlertRecipients } from "@/lib/mail/alerts";
import { partnerReviewMail } from "@/lib/mail/messages";
import { queueMail } from "@/lib/mail/outbox";
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
      // The user who creates a partner is its owner.
      db.user.create({
        data: {
          id: userId,
          email,
          name: options.name,
          passwordHash,
          role: "partner",
          partnerId,
          partnerRole: "owner",
          joinedPartnerAt: new Date(),
        },
      }),
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

/** A rejection reaches every route at once, like a token revocation (cached partner status is dropped).
 * The admin's decision, recorded and e-mailed to the partner's members (with the reason when declined). */
export async function reviewPartner(options: {
  partnerId: string;
  decision: "approved" | "rejected";
  reason?: string | null;
}) {
  await commitCredentialChange(async (tx) => {
    const before = await tx.partner.findUnique({
      where: { id: options.partnerId },
      select: { status: true, name: true },
    });
    if (!before) throw new AppError("not_found", "Partner not found.");
    await tx.partner.update({
      where: { id: options.partnerId },
      data: {
        status: options.decision,
        reviewedAt: new Date(),
        // The partner sees the reason of a rejection on their dashboard; approval clears it.
        reviewReason: options.decision === "rejected" ? options.reason || null : null,
      },
    });
    await recordAudit(tx, {
      partnerId: options.partnerId,
      action: options.decision === "approved" ? "partner.approved" : "partner.rejected",
      target: { type: "partner", id: options.partnerId },
      data: { before: { status: before.status }, after: { status: options.decision, reason: options.reason ?? null } },
    });
    const recipients = await listAlertRecipients(tx, { partnerId: options.partnerId, kind: "partner_review" });
    await queueMail(
      tx,
      recipients.map((to) =>
        partnerReviewMail({
          to,
          partnerName: before.name,
          decision: options.decision,
          reason: options.reason,
          partnerId: options.partnerId,
        }),
      ),
    );
  });
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
    // The customer id is the issuer of every JWT: cached token lookups carry it, so they are dropped at once.
    await commitCredentialChange(async (tx) => {
      const before = await tx.partner.findUnique({
        where: { id: options.partnerId },
        select: { name: true, timeZone: true, customerId: true },
      });
      await recordAudit(tx, {
        partnerId: options.partnerId,
        action: "partner.settings_updated",
        target: { type: "partner", id: options.partnerId },
        data: { before, after: { name: options.name, timeZone: options.timeZone, customerId: options.customerId } },
      });
      // After its record: a taken customer id fails here and takes the record back with it.
      await tx.partner.update({
        where: { id: options.partnerId },
        data: { name: options.name, timeZone: options.timeZone, customerId: options.customerId },
      });
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError("conflict", "This customer id is already taken.");
    }
    throw error;
  }
}
