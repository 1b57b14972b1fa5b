// Limits of admin review input, shared by the server's schema and the panel's inputs (no server-only imports here).
export const REVIEW_REASON_MAX = 500;
export const QUOTA_MAX_PER_MINUTE = 100_000;
