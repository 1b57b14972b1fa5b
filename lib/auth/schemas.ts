import { z } from "zod";

export const ROLES = ["admin", "partner", "end_user"] as const;
export type Role = (typeof ROLES)[number];

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export const emailSchema = z.string().trim().toLowerCase().email("must be a valid email address").max(254);
export const passwordSchema = z
  .string()
  .min(10, "must be at least 10 characters")
  .max(200, "must be at most 200 characters");

export const credentialsSchema = z.object({ email: emailSchema, password: z.string().min(1).max(200) });

export const signUpSchema = z.object({
  kind: z.enum(["partner", "end_user"]),
  email: emailSchema,
  password: passwordSchema,
  name: z.string().trim().min(1, "is required").max(120),
  company: z.string().trim().max(120).optional(),
  timeZone: z.string().optional(),
});
