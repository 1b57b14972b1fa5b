// Date helpers for the panel: display in the partner's time zone, end-of-day expiry from a date input.
// The arithmetic lives in lib/time/zones.ts (on luxon).
export {
  endOfDayInTimeZone,
  formatDate,
  formatDateTime,
  formatPreciseDateTime,
  listTimeZones,
  todayInTimeZone,
} from "@/lib/time/zones";
