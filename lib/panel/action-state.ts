// The state a form's server action returns to `useActionState`: success (with data) or error (with field errors).

import { unstable_rethrow } from "next/navigation";
import { ZodError } from "zod";
import { AppError, logUnexpectedError } from "@/lib/errors";

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

function capitalise(text: string): string {
  const trimmed = text.trim();
  return trimmed ? trimmed[0].toUpperCase() + trimmed.slice(1) : trimmed;
}

export function zodFieldErrors(error: ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? String(issue.path[0]) : "_form";
    errors[key] ??= capitalise(issue.message);
  }
  return errors;
}

/** Maps anything an action threw to an error state; Next's redirect/notFound signals are re-thrown. */
export function toFailure(error: unknown, values?: FormValues): ActionState<never> {
  unstable_rethrow(error);
  if (error instanceof ZodError) return failure("Check the highlighted fields.", zodFieldErrors(error), values);
  if (error instanceof AppError) return failure(error.message, {}, values);
  logUnexpectedError(error, { where: "server action" });
  return failure("Something went wrong on our side. Try again.", {}, values);
}

/** Reads text fields from a form, trimmed; missing fields become "". */
export function readFields<K extends string>(formData: FormData, keys: readonly K[]): Record<K, string> {
  const out = {} as Record<K, string>;
  for (const key of keys) {
    const value = formData.get(key);
    out[key] = typeof value === "string" ? value : "";
  }
  return out;
}

/** Values an action reveals exactly once (new secrets and tokens). */
export interface OneTimeSecret {
  label: string;
  value: string;
  testId?: string;
}

export type SecretsResult = { secrets: OneTimeSecret[] } | null;
