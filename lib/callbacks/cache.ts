// Short-lived memory of positive answers, per process. Only "certified" is remembered (a refusal must be re-asked:
// the partner may have just issued the token), and keys are SHA-256 digests so no raw token sits in memory.
import { sha256Hex } from "@/lib/crypto/hash";

const MAX_ENTRIES = 10_000;

export interface CacheKeyParts {
  serviceKey: string;
  /** Changes whenever the configuration does, so a new URL, password or mode never serves an old answer. */
  configVersion: string;
  tokenType: string;
  accessToken: string;
  userIdentifier?: string | null;
}

export function createCertificationCache(now: () => number = Date.now) {
  const entries = new Map<string, number>(); // key → expires at (ms)

  const keyOf = (parts: CacheKeyParts) =>
    sha256Hex(
      JSON.stringify([
        parts.serviceKey,
        parts.configVersion,
        parts.tokenType,
        parts.accessToken,
        parts.userIdentifier ?? null,
      ]),
    );

  return {
    has(parts: CacheKeyParts): boolean {
      const key = keyOf(parts);
      const expiresAt = entries.get(key);
      if (expiresAt === undefined) return false;
      if (expiresAt > now()) return true;
      entries.delete(key);
      return false;
    },
    remember(parts: CacheKeyParts, ttlSeconds: number): void {
      if (ttlSeconds <= 0) return;
      const key = keyOf(parts);
      entries.delete(key); // re-insert at the end: Map order is our eviction order
      entries.set(key, now() + ttlSeconds * 1000);
      // Bounded so a flood of distinct valid tokens cannot grow memory without limit; oldest go first.
      while (entries.size > MAX_ENTRIES) {
        const oldest = entries.keys().next().value;
        if (oldest === undefined) break;
        entries.delete(oldest);
      }
    },
    size: () => entries.size,
  };
}

export type CertificationCache = ReturnType<typeof createCertificationCache>;

const globalForCache = globalThis as unknown as { porticoCertificationCache?: CertificationCache };

export function getCertificationCache(): CertificationCache {
  globalForCache.porticoCertificationCache ??= createCertificationCache();
  return globalForCache.porticoCertificationCache;
}
