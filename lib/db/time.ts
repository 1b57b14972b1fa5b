// DateTime values in hand-written SQL must be the exact representation Prisma stores, or comparisons go wrong:
// TIMESTAMP(3) without zone on PostgreSQL, ISO text "…+00:00" on SQLite (the better-sqlite3 adapter's format, compared
// as text). Only the providers (lib/db/sqlite, lib/db/postgresql) and benchmark set-up write such SQL.

/** A Date as SQLite raw SQL must compare and write it. */
export function toSqliteTime(date: Date): string {
  return date.toISOString().replace("Z", "+00:00");
}

/** A Date as PostgreSQL raw SQL must compare and write it (a `timestamp(3)` literal, UTC). */
export function toPostgresTime(date: Date): string {
  return date.toISOString().slice(0, -1);
}

/** A DateTime column read through raw SQL (a Date on PostgreSQL, text on SQLite). */
export function fromDbTime(value: Date | string): Date {
  if (value instanceof Date) return value;
  // SQLite's CURRENT_TIMESTAMP default ("YYYY-MM-DD HH:MM:SS") is UTC without a marker.
  return new Date(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/.test(value) ? `${value.replace(" ", "T")}Z` : value);
}

export function fromDbOptionalTime(value: Date | string | null): Date | null {
  return value === null ? null : fromDbTime(value);
}
