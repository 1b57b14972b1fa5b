// Redemption (one-time login contract): the owning partner trades a one-time token for the user's email, exactly once.

import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { getMetrics } from "@/lib/ops/metrics";
import { claimLoginToken } from "./claim";
import { canOpenService } from "./entitlements";
import type { Redemption } from "./schemas";
import { formatIsoInTimeZone, getEndOfDay } from "./time-zone";
import { hashLoginToken } from "./tokens";

const NOT_FOUND = "Unknown one-time login token.";
const USED = "This one-time login token has already been used.";

/**
 * Throws AppError not_found (unknown, or another partner's: existence is not leaked), gone (used or expired) or
 * forbidden (the user lost access since the launch). Single use is the database's job: the conditional claim
 * (lib/login/claim.ts) succeeds for exactly one of any number of concurrent callers, and commits together with the
 * login.redeemed event. The success path is that one write; only a refused claim reads to say why.
 */
export async function redeemLoginToken(options: {
  token: string;
  partner: { id: string; timeZone: string };
  now?: Date;
}): Promise<Redemption> {
  const now = options.now ?? new Date();
  const tokenHash = hashLoginToken(options.token);
  // A second attempt only when the reads found nothing wrong (access restored between the claim and the reads).
  for (let attempt = 0; ; attempt++) {
    const email = await claimLoginToken({ tokenHash, partnerId: options.partner.id, now });
    if (email !== null) {
      getMetrics().redemptions.inc({ outcome: "redeemed" });
      return { internal_email_address: email, session_expires_at: getSessionEnd(now, options.partner.timeZone) };
    }
    try {
      await explainRefusal({ tokenHash, partnerId: options.partner.id, now });
    } catch (error) {
      getMetrics().redemptions.inc({ outcome: "refused" });
      throw error;
    }
    if (attempt > 0) {
      getMetrics().redemptions.inc({ outcome: "refused" });
      throw new AppError("forbidden", "The user no longer has access to this service.");
    }
  }
}

/** Throws the reason a claim was refused, in the order the checks always had; returns if none applies (a race). */
async function explainRefusal(options: { tokenHash: string; partnerId: string; now: Date }): Promise<void> {
  const db = getDb();
  const row = await db.loginToken.findUnique({
    where: { tokenHash: options.tokenHash },
    select: {
      partnerId: true,
      redeemedAt: true,
      expiresAt: true,
      user: { select: { id: true, partnerId: true } },
      service: { select: { id: true, partnerId: true, state: true } },
    },
  });
  if (!row || row.partnerId !== options.partnerId) throw new AppError("not_found", NOT_FOUND);
  if (row.redeemedAt) throw new AppError("gone", USED);
  if (row.expiresAt <= options.now) throw new AppError("gone", "This one-time login token has expired.");
  // The token stays unredeemed (and keeps answering 403) while the user has no access.
  if (!(await canOpenService(db, { user: row.user, service: row.service, now: options.now }))) {
    throw new AppError("forbidden", "The user no longer has access to this service.");
  }
}

// End of the partner's day, formatted once per zone and day (getEndOfDay memoises the instant itself).
const sessionEndMemo = new Map<string, { end: number; iso: string }>();

function getSessionEnd(now: Date, timeZone: string): string {
  const end = getEndOfDay(now, timeZone);
  const memo = sessionEndMemo.get(timeZone);
  if (memo && memo.end === end.getTime()) return memo.iso;
  const iso = formatIsoInTimeZone(end, timeZone);
  if (sessionEndMemo.size > 1000) sessionEndMemo.clear();
  sessionEndMemo.set(timeZone, { end: end.getTime(), iso });
  return iso;
}
