// The redemption claim: one conditional write takes the token — still unredeemed, unexpired, the caller's, and the
// user still allowed in (a member of the owning partner, or a live entitlement to a published service, as
// canOpenService says) — and the login.redeemed event is written in the same commit (outbox rule). Claims that arrive
// together are written together (lib/db/write-batcher), each still its own conditional update, so a token is claimed
// at most once however batches are made. The SQL is the provider's (lib/db hot paths).
import { createId } from "@/lib/crypto/random";
import { getHotPaths } from "@/lib/db/client";
import type { LoginClaim } from "@/lib/db/hot-paths";
import { createWriteBatcher } from "@/lib/db/write-batcher";

// Rolled back as a whole on error, then retried one by one.
const claims = createWriteBatcher<LoginClaim, string | null>({
  writeBatch: (batch) => getHotPaths().claimLoginTokens(batch),
  maxBatch: 256,
  retryAlone: () => true,
});

/**
 * Claims the token for `partnerId` at `now` and records login.redeemed in the same commit. Returns the user's email,
 * or null when nothing was claimed (unknown, another partner's, used, expired, or access lost: the caller tells
 * which with reads). Exactly one of any number of concurrent callers gets the email.
 */
export function claimLoginToken(options: { tokenHash: string; partnerId: string; now: Date }): Promise<string | null> {
  return claims.write({
    tokenHash: options.tokenHash,
    partnerId: options.partnerId,
    at: options.now,
    eventId: createId("evt"),
  });
}
