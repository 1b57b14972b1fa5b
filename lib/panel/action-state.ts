// The state a form's server action returns to `useActionState`: success (with data) or error (with field errors).

import { unstable_rethrow } from "next/navigation";
import { ZodError } from "zod";
import { AppError, INTERNAL_ERROR_MESSAGE, logUnexpectedError } from "@/lib/errors";

export type FieldErrors = Partial<Record<string, string>>;
export type FormValues = Record<string, string>;

export type ActionState<T = null> =
  | { status: "idle"; values?: FormValues }
  | { status: "success"; message: string; data: T; at: number; values?: FormValues }
  | { status: "error"; message: string; fieldErrors: FieldErrors; at: number; values?: FormValues };

export const idleState = { status: "idle" } as const;

export function success<T>(message: string, data: T): ActionState<T> {
  return { status: "success", message, data, at: Date.now() };
}

export function failure(message: string, fieldErrors: FieldErrors = {}, values?: FormValues): ActionState<never> {
  return { status: "error", message, fieldErrors, at: Date.now(), values };
}

/** How field errors name form fields, where the field's name does not say it well. */
export type FieldLabels = Partial<Record<string, string>>;

const WORDS: Record<string, string> = { url: "URL", api: "API", id: "ID", ttl: "TTL", oauth: "OAuth" };

/** `check_interval_seconds` → "Check interval seconds", `timeZone` → "Time zone", `api_user` → "API user". */
export function labelForField(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .split(/[_\s-]+/)
    .filter(Boolean)
    .map((word) => WORDS[word.toLowerCase()] ?? word.toLowerCase());
  const text = words.join(" ");
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * One style for every field error: a rule fragment ("is required") gets the field's name in front ("Name is
 * required"); a message that is already a sentence (starts upper-case) is kept as written.
 */
export function fieldError(key: string, message: string, labels: FieldLabels = {}): string {
  const text = message.trim();
  if (!text || text.charAt(0) !== text.charAt(0).toLowerCase()) return text;
  return `${labels[key] ?? labelForField(key)} ${text}`;
}

export interface FieldErrorOptions {
  labels?: FieldLabels;
  /** Which form field an issue path belongs to (default: its first segment). */
  fieldFor?: (path: readonly PropertyKey[]) => string;
}

export function zodFieldErrors(error: ZodError, options: FieldErrorOptions = {}): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const key = options.fieldFor?.(issue.path) ?? (issue.path.length ? String(issue.path[0]) : "_form");
    errors[key] ??= fieldError(key, issue.message, options.labels);
  }
  return errors;
}

/** Maps anything an action threw to an error state; Next's redirect/notFound signals are re-thrown. */
export function toFailure(error: unknown, values?: FormValues, options: FieldErrorOptions = {}): ActionState<never> {
  unstable_rethrow(error);
  if (error instanceof ZodError)
    return failure("Check the highlighted fields.", zodFieldErrors(error, options), values);
  if (error instanceof AppError) return failure(error.message, {}, values);
  logUnexpectedError(error, { where: "server action" });
  return failure(`${INTERNAL_ERROR_MESSAGE} Try again.`, {}, values);
}

/** Values an action reveals exactly once (new secrets and tokens). */
export interface OneTimeSecret {
  label: string;
  value: string;
  testId?: string;
}

export type SecretsResult = { secrets: OneTimeSecret[] } | null;
