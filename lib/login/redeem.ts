// Redemption (seed 004): the owning partner trades a one-time token for the user's email, exactly once.
import { AppError } from "@/lib/api/errors";
import { getDb } from "@/lib/db/client";
import { recordEvent } from "@/lib/events/outbox";
import { canOpenService } from "./entitlements";
import type { Redemption } from "./schemas";
import { formatIsoInTimeZone, getEndOfDay } from "./time-zone";
import { hashLoginToken } from "./tokens";

const NOT_FOUND = "Unknown one-time login token.";

/**
 * Throws AppError not_found (unknown, or another partner's: existence is not leaked), gone (used or expired) or
 * forbidden (the user lost access since the launch). Single use is the database's job: the conditional update
 * succeeds for exactly one of any number of concurrent callers.
 */
export async function redeemLoginToken(options: {
  token: string;
  partner: { id: string; timeZone: string };
  now?: Date;
}): Promise<Redemption> {
  const db = getDb();
  const now = options.now ?? new Date();
  const row = await db.loginToken.findUnique({
    where: { tokenHash: hashLoginToken(options.token) },
    select: {
      id: true,
      partnerId: true,
      redeemedAt: true,
      expiresAt: true,
      user: { select: { id: true, email: true, partnerId: true } },
      service: { select: { id: true, serviceId: true, name: true, partnerId: true, state: true } },
    },
  });
  if (!row || row.partnerId !== options.partner.id) throw new AppError("not_found", NOT_FOUND);
  // Cheap refusals first; the conditional update below stays the authority for races.
  if (row.redeemedAt) throw new AppError("gone", "This one-time login token has already been used.");
  if (row.expiresAt <= now) throw new AppError("gone", "This one-time login token has expired.");

  await db.$transaction(async (tx) => {
    const claimed = await tx.loginToken.updateMany({
      where: { id: row.id, redeemedAt: null, expiresAt: { gt: now } },
      data: { redeemedAt: now },
    });
    if (claimed.count !== 1) throw new AppError("gone", "This one-time login token has already been used.");
    // Throwing here rolls the claim back: a revoked user's token stays unredeemed (and keeps answering 403).
    if (!(await canOpenService(tx, { user: row.user, service: row.service, now }))) {
      throw new AppError("forbidden", "The user no longer has access to this service.");
    }
    await recordEvent(tx, {
      partnerId: row.partnerId,
      type: "login.redeemed",
      at: now,
      data: {
        login_id: row.id,
        service_id: row.service.serviceId,
        service_name: row.service.name,
        internal_email_address: row.user.email,
        redeemed_at: now.toISOString(),
      },
    });
  });

  return {
    internal_email_address: row.user.email,
    session_expires_at: formatIsoInTimeZone(getEndOfDay(now, options.partner.timeZone), options.partner.timeZone),
  };
}
