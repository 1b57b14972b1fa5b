// One style for validation messages, and the input limits a browser can check before a form is sent.
// - describeIssue is the zod error map panelAction (and the panel's filter forms) parse with: for an issue whose
//   schema gave no message, a fragment in the house style ("is required", "must be at most 80 characters") instead of
//   zod's own text ("Too small: expected string to have >=1 characters"); fieldError then puts the field's name in
//   front ("Name is required"). A message a schema states itself always wins.
// - inputRules reads `required`, `maxLength`, `min`… off the same zod schema the server action parses with, so an
//   input's client-side limits are the server's and never a copy that drifts.
import type { z } from "zod";

type RawIssue = z.core.$ZodRawIssue;

const NOUNS: Record<string, string> = { string: "characters", array: "items", set: "items", file: "bytes" };

function quantity(count: number | bigint, origin: string): string {
  const noun = NOUNS[origin];
  if (!noun) return String(count);
  return `${count} ${count === 1 ? noun.replace(/s$/, "") : noun}`;
}

function describeType(issue: Extract<RawIssue, { code: "invalid_type" }>): string {
  if (issue.input === undefined || issue.input === null || issue.input === "") return "is required";
  switch (issue.expected) {
    case "int":
      return "must be a whole number";
    case "number":
    case "bigint":
      return "must be a number";
    case "boolean":
      return "must be true or false";
    case "date":
      return "must be a date";
    case "array":
      return "must be a list";
    case "object":
      return "must be an object";
    default:
      return "must be text";
  }
}

const FORMATS: Record<string, string> = {
  email: "must be a valid email address",
  url: "must start with https://",
  uuid: "must be a UUID",
  date: "must be a date (YYYY-MM-DD)",
  datetime: "must be a date and time",
  regex: "is not in the expected format",
};

/** The house-style fragment for one zod issue (undefined: keep zod's own, which never happens for known codes). */
export function describeIssue(issue: RawIssue): string | undefined {
  switch (issue.code) {
    case "invalid_type":
      return describeType(issue);
    case "too_small": {
      if (issue.origin === "string" && Number(issue.minimum) === 1) return "is required";
      if (issue.origin === "array" && Number(issue.minimum) === 1) return "needs at least one item";
      const bound = quantity(issue.minimum, issue.origin);
      return issue.inclusive === false ? `must be more than ${bound}` : `must be at least ${bound}`;
    }
    case "too_big": {
      const bound = quantity(issue.maximum, issue.origin);
      return issue.inclusive === false ? `must be less than ${bound}` : `must be at most ${bound}`;
    }
    case "invalid_format":
      return FORMATS[issue.format] ?? "is not in the expected format";
    case "invalid_value":
      return issue.values.length <= 6
        ? `must be one of: ${issue.values.map(String).join(", ")}`
        : "is not one of the allowed values";
    case "not_multiple_of":
      return `must be a multiple of ${issue.divisor}`;
    case "unrecognized_keys":
      return `has fields this form does not know: ${issue.keys.join(", ")}`;
    default:
      return "is not valid";
  }
}

/** What an input can check itself, read off a schema (HTML attribute names, so they can be spread onto the input). */
export interface InputRules {
  required?: boolean;
  minLength?: number;
  maxLength?: number;
  min?: number;
  max?: number;
}

interface Inspectable {
  _zod: { def: { type: string; innerType?: unknown; in?: unknown; out?: unknown } };
  // The public introspection of z.string() and z.number() (null or a safe-integer bound when there is no limit).
  minLength?: number | null;
  maxLength?: number | null;
  minValue?: number | null;
  maxValue?: number | null;
}

/** Past optional/nullable/default/pipe wrappers to the schema that holds the checks. */
function unwrap(schema: Inspectable): Inspectable {
  const { def } = schema._zod;
  if (def.innerType) return unwrap(def.innerType as Inspectable);
  // A preprocess is a pipe from a transform into the real schema; a .transform() is a pipe from the real schema.
  if (def.type === "pipe") {
    const source = def.in as Inspectable;
    return unwrap(source._zod.def.type === "transform" ? (def.out as Inspectable) : source);
  }
  return schema;
}

/** A real limit: `.int()` alone reports ±MAX_SAFE_INTEGER, which no form needs to be told. */
function limit(value: number | null | undefined): number | undefined {
  return typeof value === "number" && Math.abs(value) < Number.MAX_SAFE_INTEGER ? value : undefined;
}

/**
 * The client-side rules for one field's schema: `required` unless it accepts "absent" or an empty text; length limits
 * for text; bounds for numbers (`<input type="number">`).
 */
export function fieldInputRules(schema: z.ZodType): InputRules {
  const inner = unwrap(schema as unknown as Inspectable);
  const optional = schema.safeParse(undefined).success;
  const rules: InputRules = {};
  if (inner._zod.def.type === "string") {
    const minLength = limit(inner.minLength) ?? 0;
    rules.required = !optional && minLength > 0;
    if (minLength > 1) rules.minLength = minLength;
    const maxLength = limit(inner.maxLength);
    if (maxLength !== undefined) rules.maxLength = maxLength;
    return rules;
  }
  rules.required = !optional;
  if (inner._zod.def.type === "number") {
    const min = limit(inner.minValue);
    const max = limit(inner.maxValue);
    if (min !== undefined) rules.min = min;
    if (max !== undefined) rules.max = max;
  }
  return rules;
}

/** {@link fieldInputRules} for field `name` of an object schema (the one a form's server action parses with). */
export function inputRules(schema: z.ZodObject, name: string): InputRules {
  const field = schema.shape[name] as z.ZodType | undefined;
  return field ? fieldInputRules(field) : {};
}
