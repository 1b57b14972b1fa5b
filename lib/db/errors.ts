// Database errors the domain turns into answers, whichever way the statement ran.

type DbError = { code?: unknown; meta?: { driverAdapterError?: { cause?: { kind?: unknown } } } };

/**
 * A unique constraint refused a write: Prisma's P2002, a raw statement's P2010 whose driver error says so, node-pg's
 * SQLSTATE 23505 (hot paths on PostgreSQL's pool), or better-sqlite3's codes (hot paths on SQLite).
 */
export function isUniqueViolation(error: unknown): boolean {
  const { code, meta } = (error ?? {}) as DbError;
  if (code === "P2010") return meta?.driverAdapterError?.cause?.kind === "UniqueConstraintViolation";
  return (
    code === "P2002" ||
    code === "23505" ||
    code === "SQLITE_CONSTRAINT_UNIQUE" ||
    code === "SQLITE_CONSTRAINT_PRIMARYKEY"
  );
}

// SQLSTATE classes and codes that mean "the database cannot be reached right now", not "this statement is wrong":
// 08 connection exceptions, 57P01-57P03 shutdown / terminated by an administrator / not accepting connections yet,
// 53300 too many connections. Prisma's P1001/P1002/P1017 (unreachable, timed out, connection closed) and P2024 (pool
// timeout); better-sqlite3's SQLITE_BUSY once its busy timeout has passed.
const UNAVAILABLE_CODES = new Set([
  "57P01",
  "57P02",
  "57P03",
  "53300",
  "P1001",
  "P1002",
  "P1017",
  "P2024",
  "SQLITE_BUSY",
]);
const UNAVAILABLE_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections"]);
const UNAVAILABLE_NODE_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE"]);
const UNAVAILABLE_MESSAGE =
  /Connection terminated|not queryable|Connection ended unexpectedly|timeout exceeded when trying to connect/i;

type ErrorLike = {
  code?: unknown;
  kind?: unknown;
  message?: unknown;
  originalCode?: unknown;
  cause?: unknown;
  meta?: unknown;
};

/**
 * The database connection failed (cut, restarting, unreachable, overloaded) rather than the statement: a retryable
 * 503, not a 500. Looks through Prisma's wrappers (P2010's driver error, DriverAdapterError's cause) to the driver's.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  const seen = new Set<unknown>();
  const pending: unknown[] = [error];
  while (pending.length > 0) {
    const current = pending.pop() as ErrorLike | undefined;
    if (!current || typeof current !== "object" || seen.has(current)) continue;
    seen.add(current);
    for (const code of [current.code, current.originalCode]) {
      if (typeof code !== "string") continue;
      if (UNAVAILABLE_CODES.has(code) || UNAVAILABLE_NODE_CODES.has(code) || /^08[0-9A-Z]{3}$/.test(code)) return true;
    }
    if (typeof current.kind === "string" && UNAVAILABLE_KINDS.has(current.kind)) return true;
    if (typeof current.message === "string" && UNAVAILABLE_MESSAGE.test(current.message)) return true;
    const meta = current.meta as { driverAdapterError?: unknown } | undefined;
    pending.push(current.cause, meta?.driverAdapterError);
  }
  return false;
}
