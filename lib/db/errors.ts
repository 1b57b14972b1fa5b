// Database errors the domain turns into answers, whichever way the statement ran.

/** A unique constraint refused a write: Prisma's P2002, or better-sqlite3's codes for hot-path statements. */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return code === "P2002" || code === "SQLITE_CONSTRAINT_UNIQUE" || code === "SQLITE_CONSTRAINT_PRIMARYKEY";
}
