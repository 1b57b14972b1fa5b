// Portico's one home for IANA time-zone arithmetic, on luxon (no hand-written offset or DST code).
// Storage is UTC; a partner's zone only decides where a day starts or ends (one-time login contract: "logged out when the current
// day ends"), how statistics are bucketed and how dates are shown in the panel. The partner SDK carries its own
// dependency-free copy of end of day (sdk/src/end-of-day.ts); tests/unit/login-time-zone.test.ts checks both agree.
import { DateTime } from "luxon";

/** `YYYY-MM-DD`, compared as strings in calendar order. */
export type LocalDate = string;

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * `instant` in `timeZone`. An unknown zone throws a RangeError (as `Intl` does): a misconfigured partner must fail
 * loudly, not silently fall back to UTC or produce "Invalid DateTime".
 */
function inZone(instant: Date | number, timeZone: string): DateTime {
  const dateTime = DateTime.fromMillis(typeof instant === "number" ? instant : instant.getTime(), { zone: timeZone });
  if (!dateTime.isValid) {
    throw new RangeError(
      `Invalid time zone specified: ${timeZone} (${dateTime.invalidExplanation ?? dateTime.invalidReason})`,
    );
  }
  return dateTime;
}

/**
 * The instant the local wall-clock time `year-month-day hour:minute:second.millisecond` happens in `timeZone`.
 * Out-of-range days roll over like `Date.UTC` (`2026-02-30` is `2026-03-02`). Luxon resolves the offset starting from
 * the offset at that wall time read as UTC (the same first guess Portico always used), so a repeated wall time keeps
 * the same reading as before; a skipped wall time (DST gap) moves forward to the first instant after the gap.
 */
function wallClockInstant(
  parts: {
    year: number;
    month: number;
    day: number;
    hour: number;
    minute: number;
    second: number;
    millisecond: number;
  },
  timeZone: string,
): DateTime {
  const asUtc = Date.UTC(
    parts.year,
    parts.month - 1,
    parts.day,
    parts.hour,
    parts.minute,
    parts.second,
    parts.millisecond,
  );
  const normalized = DateTime.fromMillis(asUtc, { zone: "utc" });
  return inZone(asUtc, timeZone).set({
    year: normalized.year,
    month: normalized.month,
    day: normalized.day,
    hour: normalized.hour,
    minute: normalized.minute,
    second: normalized.second,
    millisecond: normalized.millisecond,
  });
}

/** `YYYY-MM-DD` (every caller's input passed a schema with this pattern) → its numbers. */
function parseLocalDate(date: LocalDate): { year: number; month: number; day: number } {
  const [, year, month, day] = DATE_PATTERN.exec(date) ?? [];
  if (!year || !month || !day) throw new RangeError(`Invalid date: ${date}`);
  return { year: Number(year), month: Number(month), day: Number(day) };
}

// ---------------------------------------------------------------------------------------------------------------
// Calendar dates in a zone

/** The calendar date of `instant` in `timeZone`, as `YYYY-MM-DD` (such strings sort chronologically). */
export function formatLocalDate(instant: Date | number, timeZone: string): LocalDate {
  return inZone(instant, timeZone).toFormat("yyyy-MM-dd");
}

/** Alias of {@link formatLocalDate} (the token statistics' name). */
export function dayOf(instant: Date, timeZone: string): LocalDate {
  return formatLocalDate(instant, timeZone);
}

/** Today as `YYYY-MM-DD` in `timeZone` (e.g. for a date input's `min`). */
export function todayInTimeZone(timeZone: string): LocalDate {
  return formatLocalDate(Date.now(), timeZone);
}

/** `YYYY-MM-DD` plus `days` (calendar arithmetic, zone-free; an out-of-range day rolls over like `Date.UTC`). */
export function addDays(date: LocalDate, days: number): LocalDate {
  const { year, month, day } = parseLocalDate(date);
  const start = DateTime.fromMillis(Date.UTC(year, month - 1, day), { zone: "utc" });
  if (!start.isValid) throw new RangeError(`Invalid date: ${date}`);
  return start.plus({ days }).toFormat("yyyy-MM-dd");
}

// ---------------------------------------------------------------------------------------------------------------
// Day boundaries

/** `YYYY-MM-DD` → the instant that day starts in `timeZone` (DST-aware; where midnight is skipped, the skip). */
export function startOfDay(date: LocalDate, timeZone: string): Date {
  const { year, month, day } = parseLocalDate(date);
  return wallClockInstant({ year, month, day, hour: 0, minute: 0, second: 0, millisecond: 0 }, timeZone).toJSDate();
}

/**
 * `YYYY-MM-DD` → the last millisecond of that day in `timeZone` (23:59:59.999 local; where that wall time happens
 * twice, its first occurrence), or null if the date is not valid.
 */
export function endOfDayInTimeZone(date: string, timeZone: string): Date | null {
  const match = DATE_PATTERN.exec(date);
  if (!match) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  // Refuses a day the month does not have (2026-02-30); as before, a month of 00 or 13 rolls over the year.
  if (DateTime.fromMillis(Date.UTC(year, month - 1, day), { zone: "utc" }).day !== day) return null;
  const lastMillisecond = wallClockInstant(
    { year, month, day, hour: 23, minute: 59, second: 59, millisecond: 999 },
    timeZone,
  );
  // Where 23:59:59.999 is skipped (America/Nuuk springs from 23:00 -02 to 00:00 -01), luxon moves past the gap into
  // the next day; the day then ends one millisecond before the next one starts.
  const nextDayStart = wallClockInstant(
    { year, month, day: day + 1, hour: 0, minute: 0, second: 0, millisecond: 0 },
    timeZone,
  );
  return new Date(Math.min(lastMillisecond.toMillis(), nextDayStart.toMillis() - 1));
}

/**
 * The instant the local day containing `now` ends, i.e. the first instant after `now` whose local date is later:
 * the next local midnight (an exclusive bound, not 23:59:59.999), or, where the zone skips midnight (DST starting at
 * 00:00, e.g. America/Santiago), the transition itself (`01:00` local). This is `session_expires_at` (one-time login contract).
 */
export function computeEndOfDay(now: Date, timeZone: string): Date {
  const local = inZone(now, timeZone);
  const tomorrow = DateTime.utc(local.year, local.month, local.day).plus({ days: 1 });
  // Luxon's `set` starts from the offset in force at `now`, so a repeated midnight resolves to its first occurrence
  // and a skipped one to the end of the gap.
  return local
    .set({
      year: tomorrow.year,
      month: tomorrow.month,
      day: tomorrow.day,
      hour: 0,
      minute: 0,
      second: 0,
      millisecond: 0,
    })
    .toJSDate();
}

// Every instant of one local day shares its end, so the hot redemption path computes it once per zone and day.
const endOfDayMemo = new Map<string, { from: number; end: number }>();

/** {@link computeEndOfDay}, memoised per zone for the rest of the current local day. */
export function getEndOfDay(now: Date, timeZone: string): Date {
  const nowMs = now.getTime();
  const memo = endOfDayMemo.get(timeZone);
  if (memo && memo.from <= nowMs && nowMs < memo.end) return new Date(memo.end);
  const end = computeEndOfDay(now, timeZone);
  if (endOfDayMemo.size > 1000) endOfDayMemo.clear();
  endOfDayMemo.set(timeZone, { from: nowMs, end: end.getTime() });
  return end;
}

// ---------------------------------------------------------------------------------------------------------------
// Offsets and formatting

/** Offset of `timeZone` from UTC at `instantMs`, in ms. */
export function getOffsetMs(instantMs: number, timeZone: string): number {
  return inZone(instantMs, timeZone).offset * 60_000;
}

/**
 * ISO 8601 with the zone's offset at that instant, e.g. `2026-03-30T00:00:00+02:00`; milliseconds only when non-zero,
 * and `+00:00` (never `Z`) in UTC, as the partner SDK formats it.
 */
export function formatIsoInTimeZone(instant: Date, timeZone: string): string {
  const local = inZone(instant, timeZone);
  return local.toFormat(local.millisecond === 0 ? "yyyy-MM-dd'T'HH:mm:ssZZ" : "yyyy-MM-dd'T'HH:mm:ss.SSSZZ");
}

/** The IANA zones the runtime knows (for the partner's zone picker), always including `UTC`. */
export function listTimeZones(): string[] {
  const zones = Intl.supportedValuesOf("timeZone");
  return zones.includes("UTC") ? zones : ["UTC", ...zones];
}
