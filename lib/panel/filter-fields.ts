// The fields every panel filter form shares (plain GET forms whose values live in the URL): an empty box means "not
// given", and a date is a day that exists, with an example in its message. Zod only, so each capability builds its
// filter schema from these (lib/tokens, lib/audit) without the panel's Next.js helpers; lib/panel/filters.ts then
// parses such a schema field by field.
import { z } from "zod";

const DATE_EXAMPLE = "2026-11-25";

/** `YYYY-MM-DD` naming a real calendar day (2026-02-30 is refused, where `Date.parse` would roll it over). */
export const filterDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, `must be a date such as ${DATE_EXAMPLE} (YYYY-MM-DD)`)
  .refine(isCalendarDay, `must be a real date, such as ${DATE_EXAMPLE}`);

function isCalendarDay(value: string): boolean {
  const day = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(day.getTime()) && day.toISOString().startsWith(value);
}

/** An optional filter: an absent, empty or blank value (a form field left alone) counts as not given. */
export function optionalFilter<S extends z.ZodType<string>>(schema: S) {
  return z.preprocess(
    (value) => (typeof value === "string" && value.trim() === "" ? undefined : value),
    schema.optional(),
  );
}
