// Per-partner signing keys (phone token contract): 32 random bytes, shown base64, stored AES-GCM encrypted, created lazily on
// first use; rotation keeps the previous key valid for verification for 10 minutes.
// Issuance reads the key and the rate limits through a short in-process cache (one lookup per partner every few
// seconds, not one per request). Rotation here clears it at once; another instance picks the new key up within
// SETTINGS_TTL_MS, and tokens it signs meanwhile with the old key still verify (previous-key window).
import { randomBytes } from "node:crypto";
import { recordAudit } from "@/lib/audit/audit";
import { decryptSecret, encryptSecret } from "@/lib/crypto/encryption";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { importSigningKey } from "./jwt";

export const PREVIOUS_KEY_GRACE_MS = 10 * 60_000;
const SETTINGS_TTL_MS = 5_000;

export interface PartnerTokenSettings {
  partnerId: string;
  signingKey: CryptoKey;
  tokenRateLimitPerMinute: number;
  phoneRateLimitPerMinute: number;
}

const settingsCache = new Map<string, { value: Promise<PartnerTokenSettings>; expiresAt: number }>();

function generateSigningKey(): string {
  return randomBytes(32).toString("base64");
}

/** The partner's current signing key (base64), creating it when the partner has none yet. */
async function loadOrCreateKeyCiphertext(partnerId: string): Promise<{
  ciphertext: string;
  tokenRateLimitPerMinute: number;
  phoneRateLimitPerMinute: number;
}> {
  const db = getDb();
  const select = { signingKeyCiphertext: true, tokenRateLimitPerMinute: true, phoneRateLimitPerMinute: true } as const;
  let partner = await db.partner.findUnique({ where: { id: partnerId }, select });
  if (!partner) throw new AppError("not_found", "Partner not found.");
  if (!partner.signingKeyCiphertext) {
    // Conditional write: when two requests race, the first key wins and both read it back.
    await db.partner.updateMany({
      where: { id: partnerId, signingKeyCiphertext: null },
      data: { signingKeyCiphertext: encryptSecret(generateSigningKey()) },
    });
    partner = await db.partner.findUnique({ where: { id: partnerId }, select });
    if (!partner?.signingKeyCiphertext) throw new AppError("not_found", "Partner not found.");
  }
  return {
    ciphertext: partner.signingKeyCiphertext as string,
    tokenRateLimitPerMinute: partner.tokenRateLimitPerMinute,
    phoneRateLimitPerMinute: partner.phoneRateLimitPerMinute,
  };
}

/** Key and limits for issuance, cached for a few seconds per partner. */
export function getPartnerTokenSettings(partnerId: string, nowMs = Date.now()): Promise<PartnerTokenSettings> {
  const hit = settingsCache.get(partnerId);
  if (hit && hit.expiresAt > nowMs) return hit.value;
  const value = loadOrCreateKeyCiphertext(partnerId).then(async (row) => ({
    partnerId,
    signingKey: await importSigningKey(decryptSecret(row.ciphertext)),
    tokenRateLimitPerMinute: row.tokenRateLimitPerMinute,
    phoneRateLimitPerMinute: row.phoneRateLimitPerMinute,
  }));
  settingsCache.set(partnerId, { value, expiresAt: nowMs + SETTINGS_TTL_MS });
  value.catch(() => settingsCache.delete(partnerId));
  return value;
}

export function forgetPartnerTokenSettings(partnerId: string): void {
  settingsCache.delete(partnerId);
}

/** Keys that verify right now (read fresh: a verification must see a rotation made by any instance). */
export async function getVerificationKeys(partnerId: string, nowMs = Date.now()): Promise<CryptoKey[]> {
  const partner = await getDb().partner.findUnique({
    where: { id: partnerId },
    select: { signingKeyCiphertext: true, previousSigningKeyCiphertext: true, previousSigningKeyValidUntil: true },
  });
  if (!partner) throw new AppError("not_found", "Partner not found.");
  const keys: CryptoKey[] = [];
  if (partner.signingKeyCiphertext) keys.push(await importSigningKey(decryptSecret(partner.signingKeyCiphertext)));
  if (
    partner.previousSigningKeyCiphertext &&
    partner.previousSigningKeyValidUntil &&
    partner.previousSigningKeyValidUntil.getTime() > nowMs
  ) {
    keys.push(await importSigningKey(decryptSecret(partner.previousSigningKeyCiphertext)));
  }
  return keys;
}

/** The base64 key for the settings page (reveal + copy), created on first use. */
export async function revealSigningKey(partnerId: string): Promise<{ key: string; previousValidUntil: Date | null }> {
  const row = await loadOrCreateKeyCiphertext(partnerId);
  const partner = await getDb().partner.findUnique({
    where: { id: partnerId },
    select: { previousSigningKeyValidUntil: true },
  });
  const until = partner?.previousSigningKeyValidUntil ?? null;
  // Recorded before the key is handed out: no reveal without its record.
  await recordAudit(getDb(), {
    partnerId,
    action: "signing_key.revealed",
    target: { type: "partner", id: partnerId },
  });
  return {
    key: decryptSecret(row.ciphertext),
    previousValidUntil: until && until.getTime() > Date.now() ? until : null,
  };
}

/** New current key; the old one verifies for 10 more minutes. Compare-and-swap on the current ciphertext. */
export async function rotateSigningKey(
  partnerId: string,
  nowMs = Date.now(),
): Promise<{ key: string; previousValidUntil: Date }> {
  const current = await loadOrCreateKeyCiphertext(partnerId);
  const key = generateSigningKey();
  const previousValidUntil = new Date(nowMs + PREVIOUS_KEY_GRACE_MS);
  const result = await getDb().$transaction(async (tx) => {
    const updated = await tx.partner.updateMany({
      where: { id: partnerId, signingKeyCiphertext: current.ciphertext },
      data: {
        signingKeyCiphertext: encryptSecret(key),
        previousSigningKeyCiphertext: current.ciphertext,
        previousSigningKeyValidUntil: previousValidUntil,
      },
    });
    if (updated.count === 1) {
      await recordAudit(tx, { partnerId, action: "signing_key.rotated", target: { type: "partner", id: partnerId } });
    }
    return updated;
  });
  forgetPartnerTokenSettings(partnerId);
  if (result.count !== 1)
    throw new AppError("conflict", "The key was rotated at the same moment elsewhere. Reload and try again.");
  return { key, previousValidUntil };
}
