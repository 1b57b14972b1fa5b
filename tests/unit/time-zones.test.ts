import { describe, expect, it } from "vitest";
import {
  addDays,
  computeEndOfDay,
  endOfDayInTimeZone,
  formatIsoInTimeZone,
  getEndOfDay,
  startOfDay,
} from "@/lib/time/zones";

describe("lib/time/zones (luxon)", () => {
  it("starts days where midnight is skipped at the skip", () => {
    // America/Santiago springs from 2026-09-05 24:00 (-04) to 2026-09-06 01:00 (-03).
    expect(formatIsoInTimeZone(startOfDay("2026-09-06", "America/Santiago"), "America/Santiago")).toBe(
      "2026-09-06T01:00:00-03:00",
    );
    expect(startOfDay("2026-03-29", "Europe/Paris").toISOString()).toBe("2026-03-28T23:00:00.000Z");
    expect(startOfDay("2026-10-26", "Europe/Paris").toISOString()).toBe("2026-10-25T23:00:00.000Z");
  });

  it("ends a date input's day at 23:59:59.999 local, DST-aware, and refuses impossible dates", () => {
    expect(endOfDayInTimeZone("2026-03-29", "Europe/Paris")?.toISOString()).toBe("2026-03-29T21:59:59.999Z");
    expect(endOfDayInTimeZone("2026-10-25", "Europe/Paris")?.toISOString()).toBe("2026-10-25T22:59:59.999Z");
    expect(endOfDayInTimeZone("2026-01-15", "Asia/Kolkata")?.toISOString()).toBe("2026-01-15T18:29:59.999Z");
    expect(endOfDayInTimeZone("2026-02-30", "UTC")).toBeNull();
    expect(endOfDayInTimeZone("26-02-01", "UTC")).toBeNull();
  });

  it("ends the current day at the next local midnight (exclusive), cached per zone", () => {
    const now = new Date("2026-10-25T12:00:00Z");
    expect(formatIsoInTimeZone(getEndOfDay(now, "Europe/Paris"), "Europe/Paris")).toBe("2026-10-26T00:00:00+01:00");
    expect(getEndOfDay(new Date("2026-10-25T22:59:59.999Z"), "Europe/Paris").toISOString()).toBe(
      "2026-10-25T23:00:00.000Z",
    );
    expect(getEndOfDay(new Date("2026-10-25T23:00:00Z"), "Europe/Paris").toISOString()).toBe(
      "2026-10-26T23:00:00.000Z",
    );
    expect(formatIsoInTimeZone(new Date("2026-01-01T00:00:00Z"), "UTC")).toBe("2026-01-01T00:00:00+00:00");
  });

  it("fails loudly on an unknown zone", () => {
    expect(() => computeEndOfDay(new Date(), "Mars/Olympus_Mons")).toThrow(RangeError);
    expect(() => startOfDay("2026-01-01", "Mars/Olympus_Mons")).toThrow(RangeError);
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
  });
});
