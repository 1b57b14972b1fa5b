import { z } from "zod";
import { partnerUrlSchema } from "@/lib/http/url-schema";

export const SERVICE_STATUSES = ["unknown", "live", "down", "unauthentic"] as const;
export const SERVICE_STATES = ["draft", "submitted", "published"] as const;

export const createServiceSchema = z
  .object({
    name: z.string().trim().min(1, "is required").max(120, "must be at most 120 characters"),
    url: partnerUrlSchema,
    check_interval_seconds: z
      .number()
      .int("must be a whole number of seconds")
      .min(30, "must be at least 30")
      .max(86_400, "must be at most 86400")
      .optional(),
  })
  .strict()
  .meta({ id: "CreateServiceRequest" });

export type CreateServiceInput = z.infer<typeof createServiceSchema>;

export const serviceSchema = z
  .object({
    id: z.string().meta({ example: "svc_4Qd0tXc2m9VZyJ3kLb7a" }),
    service_id: z
      .string()
      .meta({ description: "The service authorization contract SERVICE_ID signed by your /authorize endpoint." }),
    name: z.string(),
    url: z.string(),
    check_interval_seconds: z.number().int(),
    state: z.enum(SERVICE_STATES),
    status: z.enum(SERVICE_STATUSES),
    version: z.string().nullable(),
    versioned_url: z.string().meta({ description: "The URL end users are sent to: url with v=<version>." }),
    last_checked_at: z.string().nullable(),
    created_at: z.string(),
  })
  .meta({ id: "Service" });

export const createdServiceSchema = serviceSchema
  .extend({ service_secret: z.string().meta({ description: "Shown only once, on creation and rotation." }) })
  .meta({ id: "CreatedService" });

export const serviceListSchema = z.object({ data: z.array(serviceSchema) }).meta({ id: "ServiceList" });
