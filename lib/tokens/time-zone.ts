// Day boundaries in a partner's IANA time zone (storage is UTC; zones apply only to days and statistics).
// The arithmetic lives in lib/time/zones.ts (on luxon).
export { addDays, dayOf, startOfDay } from "@/lib/time/zones";
