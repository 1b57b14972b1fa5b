// Phone token contract verification: signature (current key, or the previous one inside its 10-minute window), exp with 5 s
// leeway, the caller's own transaction issued with exactly this token; the first success marks it verified and
// records `transaction.verified` in the same database transaction (conditional update: exactly once).
import { safeEqual, sha256Hex } from "@/lib/crypto/hash";
import { getDb } from "@/lib/db/client";
import { recordEvent } from "@/lib/events/outbox";
import { verifyWithKeys } from "./jwt";
import type { VerifyResult } from "./schemas";
import { getVerificationKeys } from "./signing-keys";

export async function verifyToken(options: {
  partnerId: string;
  token: string;
  nowMs?: number;
}): Promise<VerifyResult> {
  const nowMs = options.nowMs ?? Date.now();
  const keys = await getVerificationKeys(options.partnerId, nowMs);
  const checked = await verifyWithKeys(options.token, keys, nowMs);
  if (!checked.ok) return { valid: false, xid: null, phone_number: null, reason: checked.reason };
  const { xid, phn } = checked.claims;

  const db = getDb();
  const transaction = await db.transaction.findUnique({
    where: { partnerId_xid: { partnerId: options.partnerId, xid } },
    select: { id: true, tokenHash: true, phoneNumber: true, status: true },
  });
  if (!transaction || !safeEqual(transaction.tokenHash, sha256Hex(options.token)) || transaction.phoneNumber !== phn) {
    return { valid: false, xid, phone_number: phn, reason: "unknown_transaction" };
  }
  if (transaction.status === "verified") return { valid: true, xid, phone_number: phn, already_verified: true };

  const verifiedAt = new Date(nowMs);
  const first = await db.$transaction(async (tx) => {
    const updated = await tx.transaction.updateMany({
      where: { id: transaction.id, status: "issued" },
      data: { status: "verified", verifiedAt },
    });
    if (updated.count !== 1) return false;
    await recordEvent(tx, {
      partnerId: options.partnerId,
      type: "transaction.verified",
      data: { xid, phone_number: phn, verified_at: verifiedAt.toISOString() },
      at: verifiedAt,
    });
    return true;
  });
  return first
    ? { valid: true, xid, phone_number: phn }
    : { valid: true, xid, phone_number: phn, already_verified: true };
}
