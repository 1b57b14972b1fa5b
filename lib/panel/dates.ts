// Date helpers for the panel: display in the partner's time zone (lib/time/format.ts, the app's one format), and
// end-of-day expiry from a date input (lib/time/zones.ts, on luxon).
export { type DateTimeStyle, formatDate, formatDateTime, formatTime } from "@/lib/time/format";
export { endOfDayInTimeZone, listTimeZones, todayInTimeZone } from "@/lib/time/zones";
