// Filter forms (plain GET forms whose values live in the URL). Each field is parsed on its own: a bad value is named
// next to its field in the one message style ("From must be a date (YYYY-MM-DD)"), and the other filters still apply.
import type { z } from "zod";
import { type FieldErrors, type FieldLabels, fieldError } from "./action-state";
import { describeIssue } from "./validation";

export interface ParsedFilters<T> {
  /** The valid filters (a field that failed is left out, as if not given). */
  filters: Partial<T>;
  errors: FieldErrors;
  /** What the visitor sent, to show again in the form (a bad value stays visible next to its error). */
  values: Record<string, string>;
}

/** The first value of each search parameter. */
export function firstValues(params: Record<string, string | string[] | undefined>): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries(params)) {
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined) values[key] = first;
  }
  return values;
}

export function parseFilters<S extends z.ZodObject>(
  schema: S,
  params: Record<string, string | string[] | undefined>,
  labels: FieldLabels = {},
): ParsedFilters<z.output<S>> {
  const values = firstValues(params);
  const filters: Record<string, unknown> = {};
  const errors: FieldErrors = {};
  for (const [key, field] of Object.entries(schema.shape)) {
    const result = (field as z.ZodType).safeParse(values[key], { error: describeIssue });
    if (!result.success) errors[key] = fieldError(key, result.error.issues[0]?.message ?? "is not valid", labels);
    else if (result.data !== undefined) filters[key] = result.data;
  }
  return { filters: filters as Partial<z.output<S>>, errors, values };
}

/**
 * A date range that ends before it starts matches nothing: that is said next to "To", and "To" is left out so the
 * other filters still apply. `YYYY-MM-DD` dates compare in calendar order as text.
 */
export function dropReversedRange(
  parsed: ParsedFilters<{ from?: string; to?: string }>,
  labels: FieldLabels = {},
): void {
  const { from, to } = parsed.filters;
  if (!from || !to || to >= from) return;
  parsed.errors.to = `${labels.to ?? "To"} must be on or after ${labels.from ?? "From"}`;
  parsed.filters.to = undefined;
}
