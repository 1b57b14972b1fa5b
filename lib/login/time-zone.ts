// Day boundaries in a partner's IANA time zone, from the runtime's Intl data (no hand-written zone tables).
// Storage is UTC; a zone only decides where a day ends (seed 004: "logged out when the current day ends") and how
// statistics are bucketed. The partner SDK carries its own copy (sdk/src/end-of-day.ts) so it stays dependency-free;
// tests/unit/login-time-zone.test.ts checks that both agree.

const HOUR_MS = 3_600_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function getFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function readWallClock(instantMs: number, timeZone: string): WallClock {
  const values: Record<string, number> = {};
  for (const part of getFormatter(timeZone).formatToParts(new Date(instantMs))) {
    if (part.type !== "literal") values[part.type] = Number(part.value);
  }
  return {
    year: values.year,
    month: values.month,
    day: values.day,
    hour: values.hour,
    minute: values.minute,
    second: values.second,
  };
}

/** `YYYY-MM-DD` of an instant in `timeZone`; such strings compare in calendar order. */
export function formatLocalDate(instant: Date | number, timeZone: string): string {
  const wall = readWallClock(typeof instant === "number" ? instant : instant.getTime(), timeZone);
  return `${wall.year}-${pad(wall.month)}-${pad(wall.day)}`;
}

/** Offset of `timeZone` from UTC at `instantMs`, in ms (whole seconds: sub-second parts are dropped). */
export function getOffsetMs(instantMs: number, timeZone: string): number {
  const wall = readWallClock(instantMs, timeZone);
  const wallAsUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  return wallAsUtc - Math.floor(instantMs / 1000) * 1000;
}

/**
 * The instant the local day containing `now` ends, i.e. the first instant after `now` whose local date is later.
 * Usually that is the next local midnight; on days where midnight is skipped (DST starting at 00:00) it is the
 * transition itself. Fast path: assume today's offset holds until midnight and confirm; otherwise search.
 */
export function computeEndOfDay(now: Date, timeZone: string): Date {
  const nowMs = now.getTime();
  const today = formatLocalDate(nowMs, timeZone);
  const wall = readWallClock(nowMs, timeZone);
  const msSinceLocalMidnight =
    ((wall.hour * 60 + wall.minute) * 60 + wall.second) * 1000 + (((nowMs % 1000) + 1000) % 1000);
  const guess = nowMs - msSinceLocalMidnight + 24 * HOUR_MS;
  if (isDayBoundary(guess, today, timeZone)) return new Date(guess);
  return new Date(searchDayBoundary(nowMs, today, timeZone));
}

function isDayBoundary(instantMs: number, today: string, timeZone: string): boolean {
  return formatLocalDate(instantMs, timeZone) > today && formatLocalDate(instantMs - 1000, timeZone) === today;
}

// Steps hour by hour (no zone moves its clock by more than a day, and offsets change at most a few times a year),
// then bisects the hour in which the date changed down to the second.
function searchDayBoundary(nowMs: number, today: string, timeZone: string): number {
  let low = nowMs;
  let high = nowMs + HOUR_MS;
  while (formatLocalDate(high, timeZone) <= today) {
    low = high;
    high += HOUR_MS;
    if (high - nowMs > 50 * HOUR_MS) throw new Error(`no day boundary found in ${timeZone}`);
  }
  low = Math.floor(low / 1000) * 1000;
  high = Math.ceil(high / 1000) * 1000;
  while (high - low > 1000) {
    const middle = low + Math.floor((high - low) / 2000) * 1000;
    if (formatLocalDate(middle, timeZone) > today) high = middle;
    else low = middle;
  }
  return high;
}

/** ISO 8601 with the zone's offset at that instant, e.g. `2026-03-30T00:00:00+02:00`. */
export function formatIsoInTimeZone(instant: Date, timeZone: string): string {
  const ms = instant.getTime();
  const wall = readWallClock(ms, timeZone);
  const offsetMinutes = Math.round(getOffsetMs(ms, timeZone) / 60_000);
  const sign = offsetMinutes < 0 ? "-" : "+";
  const absolute = Math.abs(offsetMinutes);
  const fraction = ms % 1000 === 0 ? "" : `.${String(((ms % 1000) + 1000) % 1000).padStart(3, "0")}`;
  return (
    `${wall.year}-${pad(wall.month)}-${pad(wall.day)}T${pad(wall.hour)}:${pad(wall.minute)}:${pad(wall.second)}${fraction}` +
    `${sign}${pad(Math.floor(absolute / 60))}:${pad(absolute % 60)}`
  );
}

function pad(value: number): string {
  return String(value).padStart(2, "0");
}

// Every instant of one local day shares its end, so the hot redemption path computes it once per zone and day.
const endOfDayMemo = new Map<string, { from: number; end: number }>();

export function getEndOfDay(now: Date, timeZone: string): Date {
  const nowMs = now.getTime();
  const memo = endOfDayMemo.get(timeZone);
  if (memo && memo.from <= nowMs && nowMs < memo.end) return new Date(memo.end);
  const end = computeEndOfDay(now, timeZone);
  if (endOfDayMemo.size > 1000) endOfDayMemo.clear();
  endOfDayMemo.set(timeZone, { from: nowMs, end: end.getTime() });
  return end;
}
