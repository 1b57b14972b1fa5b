import { z } from "zod";
import { QUOTA_MAX_PER_MINUTE, REVIEW_REASON_MAX } from "./review-limits";

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
  .max(64, "must be at most 64 characters")
  .regex(/^[A-Za-z0-9._-]+$/, "may contain letters, digits, '.', '_' and '-'");

export const partnerSettingsSchema = z.object({
  name: z.string().trim().min(1, "is required").max(120, "must be at most 120 characters"),
  timeZone: timeZoneSchema,
  customerId: customerIdSchema,
});

const perMinute = z.coerce
  .number({ message: "must be a number" })
  .int("must be a whole number")
  .min(1, "must be at least 1")
  .max(QUOTA_MAX_PER_MINUTE, `must be at most ${QUOTA_MAX_PER_MINUTE}`);

/** Admin-set limits of a partner's token issuance. */
export const partnerQuotasSchema = z.object({
  token_issuance_per_minute: perMinute,
  per_phone_number_per_minute: perMinute,
});
export type PartnerQuotasInput = z.infer<typeof partnerQuotasSchema>;

export const reviewReasonSchema = z
  .string()
  .trim()
  .min(1, "is required: the partner sees it")
  .max(REVIEW_REASON_MAX, `must be at most ${REVIEW_REASON_MAX} characters`);
