// Helpers for the few hot paths that use raw SQL: they must speak the active provider's dialect and the exact
// DateTime representation Prisma stores — TIMESTAMP(3) without zone on PostgreSQL, ISO text "…+00:00" on SQLite
// (the better-sqlite3 adapter's format, compared as text).
import { getConfig } from "@/lib/config";

export function isPostgres(): boolean {
  return getConfig().databaseProvider === "postgresql";
}

/** A Date as raw SQL must compare and write it. */
export function toDbTime(date: Date): string {
  const iso = date.toISOString();
  return isPostgres() ? iso.slice(0, -1) : iso.replace("Z", "+00:00");
}

/** A DateTime column read through raw SQL (a Date on PostgreSQL, text on SQLite). */
export function fromDbTime(value: Date | string): Date {
  if (value instanceof Date) return value;
  // SQLite's CURRENT_TIMESTAMP default ("YYYY-MM-DD HH:MM:SS") is UTC without a marker.
  return new Date(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/.test(value) ? `${value.replace(" ", "T")}Z` : value);
}
