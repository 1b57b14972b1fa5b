// Database errors the domain turns into answers, whichever way the statement ran.

type DbError = { code?: unknown; meta?: { driverAdapterError?: { cause?: { kind?: unknown } } } };

/**
 * A unique constraint refused a write: Prisma's P2002, a raw statement's P2010 whose driver error says so (hot paths
 * on PostgreSQL), or better-sqlite3's codes (hot paths on SQLite).
 */
export function isUniqueViolation(error: unknown): boolean {
  const { code, meta } = (error ?? {}) as DbError;
  if (code === "P2010") return meta?.driverAdapterError?.cause?.kind === "UniqueConstraintViolation";
  return code === "P2002" || code === "SQLITE_CONSTRAINT_UNIQUE" || code === "SQLITE_CONSTRAINT_PRIMARYKEY";
}
