// "Logged out when the current day ends" (one-time login contract), in an IANA time zone, from the runtime's Intl data.
// DST-correct: a local day is 23, 24 or 25 hours long, and where a zone skips midnight the day ends at the skip.

const HOUR_MS = 3_600_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function wallClock(instantMs: number, timeZone: string): number[] {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    // Throws RangeError for an unknown zone: a misconfigured partner should fail loudly, not log users out at UTC.
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
  const values: Record<string, number> = {};
  for (const part of formatter.formatToParts(new Date(instantMs))) {
    if (part.type !== "literal") values[part.type] = Number(part.value);
  }
  return [
    values.year ?? 0,
    values.month ?? 0,
    values.day ?? 0,
    values.hour ?? 0,
    values.minute ?? 0,
    values.second ?? 0,
  ];
}

function pad(value: number): string {
  return String(value).padStart(2, "0");
}

/** The calendar date of an instant in `timeZone`, `YYYY-MM-DD` (such strings sort chronologically). */
export function localDate(instant: Date | number, timeZone: string): string {
  const [year, month, day] = wallClock(typeof instant === "number" ? instant : instant.getTime(), timeZone);
  return `${year}-${pad(month ?? 0)}-${pad(day ?? 0)}`;
}

/** The first instant after `now` whose local date in `timeZone` is a later day. */
export function endOfDay(now: Date, timeZone: string): Date {
  const nowMs = now.getTime();
  const today = localDate(nowMs, timeZone);
  const [, , , hour = 0, minute = 0, second = 0] = wallClock(nowMs, timeZone);
  const sinceMidnight = ((hour * 60 + minute) * 60 + second) * 1000 + (((nowMs % 1000) + 1000) % 1000);
  // Fast path: the offset does not change before midnight (all but a few days a year).
  const guess = nowMs - sinceMidnight + 24 * HOUR_MS;
  if (localDate(guess, timeZone) > today && localDate(guess - 1000, timeZone) === today) return new Date(guess);
  // Otherwise find the hour in which the date changes, then bisect it to the second.
  let low = nowMs;
  let high = nowMs + HOUR_MS;
  while (localDate(high, timeZone) <= today) {
    low = high;
    high += HOUR_MS;
    if (high - nowMs > 50 * HOUR_MS) throw new Error(`No day boundary found in ${timeZone}`);
  }
  low = Math.floor(low / 1000) * 1000;
  high = Math.ceil(high / 1000) * 1000;
  while (high - low > 1000) {
    const middle = low + Math.floor((high - low) / 2000) * 1000;
    if (localDate(middle, timeZone) > today) high = middle;
    else low = middle;
  }
  return new Date(high);
}

/** ISO 8601 with the zone's offset at that instant, e.g. `2026-10-26T00:00:00+01:00`. */
export function formatInTimeZone(instant: Date, timeZone: string): string {
  const ms = instant.getTime();
  const [year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0] = wallClock(ms, timeZone);
  const offsetMinutes = Math.round(
    (Date.UTC(year, month - 1, day, hour, minute, second) - Math.floor(ms / 1000) * 1000) / 60_000,
  );
  const sign = offsetMinutes < 0 ? "-" : "+";
  const absolute = Math.abs(offsetMinutes);
  return `${year}-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(minute)}:${pad(second)}${sign}${pad(Math.floor(absolute / 60))}:${pad(absolute % 60)}`;
}
