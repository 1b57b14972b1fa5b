// Day boundaries in a partner's IANA time zone for one-time login (one-time login contract: "logged out when the current day ends").
// The arithmetic lives in lib/time/zones.ts (on luxon); this module keeps the names lib/login/* and the tests import.
// The partner SDK carries its own dependency-free copy (sdk/src/end-of-day.ts); tests/unit/login-time-zone.test.ts
// checks that both agree.
export { computeEndOfDay, formatIsoInTimeZone, formatLocalDate, getEndOfDay, getOffsetMs } from "@/lib/time/zones";
