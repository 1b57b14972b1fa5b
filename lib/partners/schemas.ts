import { z } from "zod";

export function isValidTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

export const timeZoneSchema = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .refine(isValidTimeZone, "must be an IANA time zone such as Europe/Paris");

export const customerIdSchema = z
  .string()
  .trim()
  .min(3, "must be at least 3 characters")
  .max(64)
  .regex(/^[A-Za-z0-9._-]+$/, "may contain letters, digits, '.', '_' and '-'");

export const partnerSettingsSchema = z.object({
  name: z.string().trim().min(1, "is required").max(120),
  timeZone: timeZoneSchema,
  customerId: customerIdSchema,
});
