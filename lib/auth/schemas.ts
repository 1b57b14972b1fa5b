import { z } from "zod";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "./password-rules";

export const ROLES = ["admin", "partner", "end_user"] as const;
export type Role = (typeof ROLES)[number];

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, { message: "is required", abort: true })
  .email("must be a valid email address")
  .max(254, "must be at most 254 characters");
export const passwordSchema = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `must be at least ${PASSWORD_MIN_LENGTH} characters`)
  .max(PASSWORD_MAX_LENGTH, `must be at most ${PASSWORD_MAX_LENGTH} characters`);

export const credentialsSchema = z.object({
  email: emailSchema,
  password: z
    .string()
    .min(1, "is required")
    .max(PASSWORD_MAX_LENGTH, `must be at most ${PASSWORD_MAX_LENGTH} characters`),
});

export const PERSON_NAME_MAX = 120;

/** What a new account gives: a name and a password (sign-up, and accepting an invitation without an account). */
export const newAccountSchema = z.object({
  name: z.string().trim().min(1, "is required").max(PERSON_NAME_MAX, `must be at most ${PERSON_NAME_MAX} characters`),
  password: passwordSchema,
});

export const signUpSchema = newAccountSchema.extend({
  kind: z.enum(["partner", "end_user"]),
  email: emailSchema,
  company: z.string().trim().max(120, "must be at most 120 characters").optional(),
  timeZone: z.string().optional(),
});
