import { describe, expect, it } from "vitest";
import { createEndOfDayCookie, parseCookies, serializeCookie } from "../src/cookies.js";
import { endOfDay, formatInTimeZone, localDate } from "../src/end-of-day.js";

describe("endOfDay – the end of the current local day, DST included", () => {
  it.each([
    // [now (UTC), zone, expected end of day with the zone's offset]
    ["2026-03-29T00:30:00Z", "Europe/Paris", "2026-03-30T00:00:00+02:00"], // 23-hour day: before the 02:00 jump
    ["2026-03-29T12:00:00Z", "Europe/Paris", "2026-03-30T00:00:00+02:00"], // after the jump
    ["2026-03-28T22:59:59Z", "Europe/Paris", "2026-03-29T00:00:00+01:00"], // last second of the day before
    ["2026-10-25T00:30:00Z", "Europe/Paris", "2026-10-26T00:00:00+01:00"], // 25-hour day: first 02:30
    ["2026-10-25T01:30:00Z", "Europe/Paris", "2026-10-26T00:00:00+01:00"], // second 02:30
    ["2026-03-08T06:59:00Z", "America/New_York", "2026-03-09T00:00:00-04:00"], // 01:59 EST, a minute before the jump
    ["2026-03-08T12:00:00Z", "America/New_York", "2026-03-09T00:00:00-04:00"],
    ["2026-11-01T05:30:00Z", "America/New_York", "2026-11-02T00:00:00-05:00"], // first 01:30
    ["2026-11-01T06:30:00Z", "America/New_York", "2026-11-02T00:00:00-05:00"], // second 01:30
    ["2026-11-02T04:59:59Z", "America/New_York", "2026-11-02T00:00:00-05:00"], // 23:59:59 of the long day
    ["2026-06-01T18:29:59Z", "Asia/Kolkata", "2026-06-02T00:00:00+05:30"],
    ["2026-06-01T18:30:00Z", "Asia/Kolkata", "2026-06-03T00:00:00+05:30"],
    ["2026-04-04T12:00:00Z", "Pacific/Chatham", "2026-04-06T00:00:00+12:45"], // Chatham DST ends 2026-04-05
    ["2026-09-26T12:00:00Z", "Pacific/Chatham", "2026-09-28T00:00:00+13:45"], // and starts 2026-09-27
    ["2026-09-05T20:00:00Z", "America/Santiago", "2026-09-06T01:00:00-03:00"], // midnight skipped: the day ends at the jump
    ["2026-04-05T03:30:00Z", "America/Santiago", "2026-04-05T00:00:00-04:00"], // repeated 23:xx hour
    ["2026-07-01T10:00:00Z", "UTC", "2026-07-02T00:00:00+00:00"],
  ])("%s in %s ends at %s", (now, zone, expected) => {
    const end = endOfDay(new Date(now), zone);
    expect(formatInTimeZone(end, zone)).toBe(expected);
    expect(end.getTime()).toBe(new Date(expected).getTime());
    expect(localDate(end, zone) > localDate(new Date(now), zone)).toBe(true);
    expect(localDate(end.getTime() - 1000, zone)).toBe(localDate(new Date(now), zone));
  });

  it("the 23- and 25-hour Paris days last 23 and 25 hours", () => {
    const start = (iso: string) => endOfDay(new Date(iso), "Europe/Paris").getTime();
    expect((start("2026-03-29T10:00:00Z") - start("2026-03-28T10:00:00Z")) / 3_600_000).toBe(23);
    expect((start("2026-10-25T10:00:00Z") - start("2026-10-24T10:00:00Z")) / 3_600_000).toBe(25);
  });

  it("an unknown zone throws instead of silently using UTC", () => {
    expect(() => endOfDay(new Date(), "Mars/Olympus_Mons")).toThrow(RangeError);
  });
});

describe("end-of-day cookie", () => {
  it("expires at the end of the partner's day (absolute Expires, no relative Max-Age)", () => {
    const now = new Date("2026-10-25T12:00:00Z");
    const { header, expires } = createEndOfDayCookie("services_cookie", "s 1", {
      timeZone: "Europe/Paris",
      now,
      secure: true,
    });
    expect(expires.toISOString()).toBe("2026-10-25T23:00:00.000Z");
    expect(header).toBe(
      "services_cookie=s%201; Expires=Sun, 25 Oct 2026 23:00:00 GMT; Path=/; HttpOnly; Secure; SameSite=Lax",
    );
  });

  it("never outlives Portico's session_expires_at", () => {
    const now = new Date("2026-10-25T12:00:00Z");
    const notAfter = new Date("2026-10-25T18:00:00Z");
    expect(createEndOfDayCookie("s", "v", { timeZone: "Europe/Paris", now, notAfter }).expires).toEqual(notAfter);
  });

  it("parses a Cookie header and rejects bad names", () => {
    expect(parseCookies("a=1; b=%20x; a=2; bad; c=%E0").get("a")).toBe("1");
    expect(parseCookies("a=1; b=%20x").get("b")).toBe(" x");
    expect(parseCookies("c=%E0").has("c")).toBe(false);
    expect(() => serializeCookie("a b", "v")).toThrow(TypeError);
    expect(serializeCookie("a", "", { expires: new Date(0) })).toContain("Max-Age=0");
  });
});
