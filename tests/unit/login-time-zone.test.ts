import { describe, expect, it } from "vitest";
import { computeEndOfDay, formatIsoInTimeZone, formatLocalDate } from "@/lib/login/time-zone";
import { endOfDay as sdkEndOfDay, formatInTimeZone as sdkFormat } from "@/sdk/src/end-of-day";

describe("Portico's end of day (session_expires_at)", () => {
  it.each([
    ["2026-03-29T00:30:00Z", "Europe/Paris", "2026-03-30T00:00:00+02:00"],
    ["2026-03-29T20:00:00Z", "Europe/Paris", "2026-03-30T00:00:00+02:00"],
    ["2026-10-25T00:30:00Z", "Europe/Paris", "2026-10-26T00:00:00+01:00"],
    ["2026-10-25T22:59:59Z", "Europe/Paris", "2026-10-26T00:00:00+01:00"],
    ["2026-03-08T06:30:00Z", "America/New_York", "2026-03-09T00:00:00-04:00"],
    ["2026-11-01T05:30:00Z", "America/New_York", "2026-11-02T00:00:00-05:00"],
    ["2026-11-01T06:30:00Z", "America/New_York", "2026-11-02T00:00:00-05:00"],
    ["2026-01-15T18:29:59Z", "Asia/Kolkata", "2026-01-16T00:00:00+05:30"],
    ["2026-04-05T01:00:00Z", "Pacific/Chatham", "2026-04-06T00:00:00+12:45"],
    ["2026-09-27T01:00:00Z", "Pacific/Chatham", "2026-09-28T00:00:00+13:45"],
    ["2026-09-05T20:00:00Z", "America/Santiago", "2026-09-06T01:00:00-03:00"],
  ])("%s in %s → %s", (now, zone, expected) => {
    expect(formatIsoInTimeZone(computeEndOfDay(new Date(now), zone), zone)).toBe(expected);
  });

  it("formats local dates and fractional instants", () => {
    expect(formatLocalDate(new Date("2026-03-29T22:30:00Z"), "Europe/Paris")).toBe("2026-03-30");
    expect(formatIsoInTimeZone(new Date("2026-03-29T22:30:00.250Z"), "Asia/Kolkata")).toBe(
      "2026-03-30T04:00:00.250+05:30",
    );
  });

  it("agrees with the partner SDK through 2026 (every 997 min) in zones with odd offsets and DST", () => {
    const zones = [
      "Europe/Paris",
      "America/New_York",
      "Asia/Kolkata",
      "Pacific/Chatham",
      "America/Santiago",
      "Australia/Lord_Howe",
      "UTC",
    ];
    for (const zone of zones) {
      for (let at = Date.UTC(2026, 0, 1); at < Date.UTC(2027, 0, 1); at += 997 * 60_000) {
        const portico = computeEndOfDay(new Date(at), zone);
        const sdk = sdkEndOfDay(new Date(at), zone);
        expect(portico.getTime(), `${zone} at ${new Date(at).toISOString()}`).toBe(sdk.getTime());
        expect(formatIsoInTimeZone(portico, zone)).toBe(sdkFormat(sdk, zone));
        expect(portico.getTime()).toBeGreaterThan(at);
        expect(portico.getTime() - at).toBeLessThanOrEqual(25 * 3_600_000);
      }
    }
  }, 60_000);
});
