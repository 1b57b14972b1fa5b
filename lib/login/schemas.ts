// zod schemas of the one-time login capability (one-time login contract).
import { z } from "zod";
import { emailSchema } from "@/lib/auth/schemas";

/** 32 random bytes as base64url: 43 characters. Anything else cannot be one of ours (404 without a lookup). */
export const servicesTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/, "is not a one-time login token");

export const serviceIdSchema = z
  .string()
  .trim()
  .regex(/^svc_[0-9A-Za-z]{20}$/, "must be a service id (svc_…)");

export const grantEntitlementSchema = z.object({
  email: emailSchema,
  serviceId: serviceIdSchema,
  expiresAt: z.coerce
    .date()
    .refine((value) => value.getTime() > Date.now(), "must be in the future")
    .nullable()
    .optional(),
});
export type GrantEntitlementInput = z.infer<typeof grantEntitlementSchema>;

export const cliGrantEntitlementSchema = z.object({
  email: emailSchema,
  service: serviceIdSchema,
  "expires-at": z.iso.datetime({ offset: true }).optional(),
});

/** The contract's success body, plus the end of the user's session computed in the partner's time zone. */
export const redemptionSchema = z.object({
  internal_email_address: z.string(),
  session_expires_at: z.string(),
});
export type Redemption = z.infer<typeof redemptionSchema>;

/** The contract's failure body. */
export const redemptionFailureSchema = z.object({ success: z.literal(false), message: z.string() });

export const statisticsDaysSchema = z.coerce.number().int().min(1).max(90).catch(30);
