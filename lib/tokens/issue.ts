// Phone token contract issuance: limits → claims → HS256 → one INSERT of the transaction (the token's hash, never the token),
// batched with concurrent issuances (insert-batcher.ts). Key, limits and the API-token lookup come from short caches.

import { sha256Hex } from "@/lib/crypto/hash";
import { createId } from "@/lib/crypto/random";
import { isUniqueViolation } from "@/lib/db/errors";
import { AppError } from "@/lib/errors";
import { getMetrics } from "@/lib/ops/metrics";
import { insertTransaction } from "./insert-batcher";
import { buildClaims, signClaims } from "./jwt";
import { consumeIssuanceLimits } from "./rate-limit";
import type { IssueTokenParams } from "./schemas";
import { getPartnerTokenSettings } from "./signing-keys";

export async function issueToken(options: {
  partner: { id: string; customerId: string };
  input: IssueTokenParams;
  nowMs?: number;
}): Promise<{ token: string; xid: string; expiresAt: Date }> {
  const nowMs = options.nowMs ?? Date.now();
  const { partner, input } = options;
  const settings = await getPartnerTokenSettings(partner.id, nowMs);
  await consumeIssuanceLimits({
    partnerId: partner.id,
    phoneNumber: input.phone_number,
    partnerPerMinute: settings.tokenRateLimitPerMinute,
    phonePerMinute: settings.phoneRateLimitPerMinute,
  });
  const claims = buildClaims({ issuer: partner.customerId, phoneNumber: input.phone_number, xid: input.xid, nowMs });
  const token = await signClaims(claims, settings.signingKey);
  const expiresAt = new Date(claims.exp * 1000);
  try {
    const row = {
      id: createId("txn"),
      partnerId: partner.id,
      xid: claims.xid,
      phoneNumber: claims.phn,
      tokenHash: sha256Hex(token),
      issuedAt: new Date(nowMs),
      expiresAt,
    };
    await insertTransaction(row);
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError("conflict", `The XID ${claims.xid} was already used; send a new one.`);
    }
    throw error;
  }
  getMetrics().jwtIssued.inc();
  return { token, xid: claims.xid, expiresAt };
}
