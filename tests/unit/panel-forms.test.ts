import { describe, expect, it } from "vitest";
import { z } from "zod";
import { auditPanelFiltersSchema } from "@/lib/audit/audit";
import { safeCallbackPath } from "@/lib/panel/access";
import { dropReversedRange, parseFilters } from "@/lib/panel/filters";
import { describeIssue, fieldInputRules, inputRules } from "@/lib/panel/validation";
import { createServiceSchema, SERVICE_NAME_MAX } from "@/lib/services/schemas";
import { formatDate, formatDateTime, formatTime } from "@/lib/time/format";
import { transactionFiltersSchema } from "@/lib/tokens/schemas";
import { createEndpointSchema } from "@/lib/webhooks/schemas";

/** The first message zod reports for `input`, parsed with the panel's error map. */
function messageFor(schema: z.ZodType, input: unknown): string | undefined {
  const result = schema.safeParse(input, { error: describeIssue });
  return result.success ? undefined : result.error.issues[0]?.message;
}

describe("validation messages in the house style", () => {
  it("replaces zod's own wording with a fragment that follows the field's name", () => {
    expect(messageFor(z.string().min(1), "")).toBe("is required");
    expect(messageFor(z.string(), undefined)).toBe("is required");
    expect(messageFor(z.string().max(3), "abcd")).toBe("must be at most 3 characters");
    expect(messageFor(z.string().min(10), "short")).toBe("must be at least 10 characters");
    expect(messageFor(z.number().int(), 1.5)).toBe("must be a whole number");
    expect(messageFor(z.number().min(30), 10)).toBe("must be at least 30");
    expect(messageFor(z.coerce.number(), "abc")).toBe("must be a number");
    expect(messageFor(z.enum(["a", "b"]), "c")).toBe("must be one of: a, b");
    expect(messageFor(z.string().email(), "nope")).toBe("must be a valid email address");
    expect(messageFor(z.array(z.string()).min(1), [])).toBe("needs at least one item");
    expect(messageFor(z.object({}).strict(), { extra: 1 })).toBe("has fields this form does not know: extra");
  });

  it("never overrides a message the schema states itself", () => {
    expect(messageFor(z.string().min(1, "Enter your password."), "")).toBe("Enter your password.");
    expect(messageFor(createServiceSchema.shape.url, "ftp://files.example")).toBe(
      "must start with https:// (or http://)",
    );
  });
});

describe("input rules read off the server's schema", () => {
  it("gives required and length limits for text, bounds for numbers", () => {
    expect(inputRules(createServiceSchema, "name")).toEqual({ required: true, maxLength: SERVICE_NAME_MAX });
    expect(inputRules(createServiceSchema, "url")).toEqual({ required: true, maxLength: 2048 });
    expect(inputRules(createServiceSchema, "check_interval_seconds")).toEqual({
      required: false,
      min: 30,
      max: 86_400,
    });
    expect(inputRules(createEndpointSchema, "description")).toEqual({ required: false, maxLength: 200 });
    expect(fieldInputRules(z.string().min(10).max(200))).toEqual({ required: true, minLength: 10, maxLength: 200 });
    expect(inputRules(createServiceSchema, "no_such_field")).toEqual({});
  });

  it("sees through preprocessing and transforms to the checks underneath", () => {
    expect(inputRules(transactionFiltersSchema, "q")).toEqual({ required: false, maxLength: 64 });
    expect(
      fieldInputRules(
        z
          .string()
          .max(5)
          .transform((value) => value.length),
      ),
    ).toEqual({
      required: false,
      maxLength: 5,
    });
  });
});

describe("filter forms", () => {
  it("names each bad field and keeps the valid ones", () => {
    const parsed = parseFilters(
      transactionFiltersSchema,
      { q: "order-42", status: "lost", from: "2026-13-45", to: ["2026-02-01", "ignored"] },
      { status: "Status", from: "From" },
    );
    expect(parsed.filters).toEqual({ q: "order-42", to: "2026-02-01" });
    expect(parsed.errors).toEqual({
      status: "Status must be one of: issued, verified, expired",
      from: "From must be a real date, such as 2026-11-25",
    });
    expect(parsed.values).toMatchObject({ status: "lost", from: "2026-13-45", to: "2026-02-01" });
  });

  it("names a bad audit filter the same way, says what to type, and keeps the valid ones", () => {
    const parsed = parseFilters(
      auditPanelFiltersSchema,
      { action: "nonsense", actor: " ops@acme.test ", from: "2026-02-30", to: "soon" },
      { action: "Action", from: "From", to: "To" },
    );
    expect(parsed.filters).toEqual({ actor: "ops@acme.test" });
    expect(parsed.errors).toEqual({
      action: "Action must be one of the listed actions; pick one or choose All actions",
      from: "From must be a real date, such as 2026-11-25",
      to: "To must be a date such as 2026-11-25 (YYYY-MM-DD)",
    });
  });

  it("leaves out a To before From, said next to To", () => {
    const parsed = parseFilters(auditPanelFiltersSchema, { from: "2026-12-01", to: "2026-11-01" });
    dropReversedRange(parsed);
    expect(parsed.filters).toEqual({ from: "2026-12-01" });
    expect(parsed.errors).toEqual({ to: "To must be on or after From" });
  });

  it("refuses a search that is neither an XID nor a phone number", () => {
    expect(parseFilters(transactionFiltersSchema, { q: "no such thing!" }).errors.q).toMatch(/^Q must be an XID/);
  });
});

describe("where sign-in may return to", () => {
  it("keeps paths on this site, with their query and fragment", () => {
    expect(safeCallbackPath("/dashboard/webhooks")).toBe("/dashboard/webhooks");
    expect(safeCallbackPath("/dashboard/transactions?q=a%20b#top")).toBe("/dashboard/transactions?q=a%20b#top");
    expect(safeCallbackPath("/launch/svc_1")).toBe("/launch/svc_1");
  });

  it("refuses every address that a browser would read as another site", () => {
    for (const value of [
      "https://evil.example/",
      "//evil.example/x",
      "/\\evil.example",
      "/\t/evil.example",
      "/\n/evil.example",
      "\\\\evil.example",
      "javascript:alert(1)",
      "dashboard",
      "",
      undefined,
      42,
    ]) {
      expect(safeCallbackPath(value), String(value)).toBeNull();
    }
  });
});

describe("the one date-time format", () => {
  const instant = new Date("2026-11-25T16:05:09Z");

  it("shows day, month, year and a 24-hour time in the viewer's zone, named", () => {
    expect(formatDateTime(instant, "Europe/Paris")).toBe("25 Nov 2026, 17:05 CET");
    expect(formatDateTime(instant, "UTC")).toBe("25 Nov 2026, 16:05 UTC");
    expect(formatDateTime(instant.toISOString(), "Europe/Paris", { seconds: true })).toBe("25 Nov 2026, 17:05:09 CET");
    expect(formatDateTime(instant, "Europe/Paris", { zone: false })).toBe("25 Nov 2026, 17:05");
    expect(formatDateTime(null, "UTC")).toBe("—");
  });

  it("formats calendar days and chart times the same way", () => {
    expect(formatDate(instant, "Asia/Tokyo")).toBe("26 Nov 2026");
    expect(formatTime(instant.getTime(), "Europe/Paris")).toBe("17:05");
  });
});
