// The one way Portico shows an instant to a person: `25 Nov 2026, 17:05 CET` — day month year, 24-hour clock, in the
// viewer's time zone (a partner's own zone; UTC for admins and end users), followed by that zone's short name so no
// time on any page is ambiguous. Seconds only where the exact moment matters (logs, attempts, checks). Plain Intl (no
// luxon), so client components format the same way as pages; the zone arithmetic itself is in ./zones.ts.

import { memoize } from "@/lib/cache/memoize";

type Instant = Date | string | number;

export interface DateTimeStyle {
  /** Show seconds (logs, delivery attempts, checks). */
  seconds?: boolean;
  /** Show the zone's short name (default true); only a caller that already says the zone next to it turns it off. */
  zone?: boolean;
}

/** Intl formatters are costly to build and pages format hundreds of times: one per option set. */
const formatterFor = memoize(
  (key: string) => new Intl.DateTimeFormat("en-GB", JSON.parse(key) as Intl.DateTimeFormatOptions),
  { maxEntries: 500 },
);

function formatter(options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  return formatterFor(JSON.stringify(options));
}

function toDate(value: Instant): Date {
  return value instanceof Date ? value : new Date(value);
}

/** The time-of-day part both formats share: 24-hour clock, seconds and zone name as asked. */
function timeOptions(timeZone: string, style: DateTimeStyle): Intl.DateTimeFormatOptions {
  return {
    hour: "2-digit",
    minute: "2-digit",
    ...(style.seconds ? { second: "2-digit" } : {}),
    hourCycle: "h23",
    timeZone,
    ...(style.zone === false ? {} : { timeZoneName: "short" }),
  };
}

/** `25 Nov 2026, 17:05 CET` (with `seconds`: `25 Nov 2026, 17:05:09 CET`); `—` when there is no value. */
export function formatDateTime(value: Instant | null | undefined, timeZone: string, style: DateTimeStyle = {}): string {
  if (value === null || value === undefined || value === "") return "—";
  return formatter({ day: "numeric", month: "short", year: "numeric", ...timeOptions(timeZone, style) }).format(
    toDate(value),
  );
}

/** `25 Nov 2026` in `timeZone` (a calendar day needs no zone name); `—` when there is no value. */
export function formatDate(value: Instant | null | undefined, timeZone: string): string {
  if (value === null || value === undefined || value === "") return "—";
  return formatter({ day: "numeric", month: "short", year: "numeric", timeZone }).format(toDate(value));
}

/** `17:05` (chart axes, whose caption names the zone), or `17:05:09 CET` with seconds and zone. */
export function formatTime(value: Instant, timeZone: string, style: DateTimeStyle = { zone: false }): string {
  return formatter(timeOptions(timeZone, style)).format(toDate(value));
}
