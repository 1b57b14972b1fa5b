import { z } from "zod";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "./password-rules";

export const ROLES = ["admin", "partner", "end_user"] as const;
export type Role = (typeof ROLES)[number];

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export const emailSchema = z.string().trim().toLowerCase().email("must be a valid email address").max(254);
export const passwordSchema = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `must be at least ${PASSWORD_MIN_LENGTH} characters`)
  .max(PASSWORD_MAX_LENGTH, `must be at most ${PASSWORD_MAX_LENGTH} characters`);

export const credentialsSchema = z.object({ email: emailSchema, password: z.string().min(1).max(200) });

export const signUpSchema = z.object({
  kind: z.enum(["partner", "end_user"]),
  email: emailSchema,
  password: passwordSchema,
  name: z.string().trim().min(1, "is required").max(120),
  company: z.string().trim().max(120).optional(),
  timeZone: z.string().optional(),
});
