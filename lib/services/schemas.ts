import { z } from "zod";
import { partnerUrlSchema } from "@/lib/http/url-schema";

export const SERVICE_STATUSES = ["unknown", "live", "down", "unauthentic"] as const;
export const SERVICE_STATES = ["draft", "submitted", "published"] as const;

export const SERVICE_NAME_MAX = 120;
export const CHECK_INTERVAL_MIN = 30;
export const CHECK_INTERVAL_MAX = 86_400;

const serviceNameSchema = z
  .string()
  .trim()
  .min(1, "is required")
  .max(SERVICE_NAME_MAX, `must be at most ${SERVICE_NAME_MAX} characters`);
const checkIntervalSchema = z
  .number()
  .int("must be a whole number of seconds")
  .min(CHECK_INTERVAL_MIN, `must be at least ${CHECK_INTERVAL_MIN}`)
  .max(CHECK_INTERVAL_MAX, `must be at most ${CHECK_INTERVAL_MAX}`);

export const createServiceSchema = z
  .object({
    name: serviceNameSchema,
    url: partnerUrlSchema,
    check_interval_seconds: checkIntervalSchema.optional(),
  })
  .strict()
  .meta({ id: "CreateServiceRequest" });

export type CreateServiceInput = z.infer<typeof createServiceSchema>;

export const updateServiceSchema = z
  .object({
    name: serviceNameSchema.optional(),
    url: partnerUrlSchema.optional(),
    check_interval_seconds: checkIntervalSchema.optional(),
  })
  .strict()
  .meta({
    id: "UpdateServiceRequest",
    description:
      "Fields to change; absent ones stay. A new URL of a published service sends it back to review (state `submitted`).",
  });

export type UpdateServiceInput = z.infer<typeof updateServiceSchema>;

export const serviceSchema = z
  .object({
    id: z.string().meta({ example: "svc_4Qd0tXc2m9VZyJ3kLb7a" }),
    service_id: z.string().meta({
      description: "The id your /authorize endpoint signs (with the service secret); devices know your service by it.",
    }),
    name: z.string(),
    url: z.string(),
    check_interval_seconds: z.number().int().meta({ example: 300 }),
    state: z.enum(SERVICE_STATES),
    status: z.enum(SERVICE_STATUSES),
    version: z.string().nullable(),
    versioned_url: z.string().meta({ description: "The URL end users are sent to: url with v=<version>." }),
    last_checked_at: z.string().nullable(),
    review_reason: z.string().nullable().meta({
      description: "Why the service left `published`: an admin's unpublish reason, or a URL change awaiting review.",
    }),
    created_at: z.string(),
  })
  .meta({ id: "Service" });

export const createdServiceSchema = serviceSchema
  .extend({ service_secret: z.string().meta({ description: "Shown only once, on creation and rotation." }) })
  .meta({ id: "CreatedService" });

export const serviceListSchema = z.object({ data: z.array(serviceSchema) }).meta({ id: "ServiceList" });
