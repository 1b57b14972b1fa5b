// How the panel labels an API token.
export type TokenStatus = "active" | "rolling" | "expired" | "revoked";

export function tokenStatus(
  token: { revokedAt: Date | null; expiresAt: Date | null; rolledToId: string | null },
  now: Date,
): TokenStatus {
  if (token.revokedAt) return "revoked";
  if (token.expiresAt && token.expiresAt <= now) return "expired";
  if (token.rolledToId) return "rolling";
  return "active";
}
