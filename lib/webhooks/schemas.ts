// Wire shapes of the webhooks API. `authentication` is exactly the webhook contract's object; everything else is ours.
import { z } from "zod";
import { EVENT_TYPES } from "@/lib/events/catalog";
import { partnerUrlSchema } from "@/lib/http/url-schema";

export const DELIVERY_STATUSES = ["pending", "succeeded", "failed"] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

// Strict objects: a typo in the contract's field names must be a 400, not a silently unauthenticated endpoint.
export const oauth2V1Schema = z
  .object({
    type: z.literal("OAuth2"),
    version: z.literal("v1"),
    data: z
      .object({
        url: partnerUrlSchema,
        grant_type: z.literal("client_credentials"),
        client_id: z.string().min(1, "is required").max(512),
        client_secret: z.string().min(1, "is required").max(4096),
      })
      .strict(),
  })
  .strict();

export const oauth2V2Schema = z
  .object({
    type: z.literal("OAuth2"),
    version: z.literal("v2"),
    data: z.object({ token: z.string().min(1, "is required").max(4096) }).strict(),
  })
  .strict();

export const authenticationSchema = z.discriminatedUnion("version", [oauth2V1Schema, oauth2V2Schema]).meta({
  id: "WebhookAuthentication",
  description: "Webhook contract: OAuth2 v1 (client credentials) or v2 (fixed token).",
});
export type WebhookAuthentication = z.infer<typeof authenticationSchema>;

const eventsSchema = z
  .array(z.enum(EVENT_TYPES))
  .max(EVENT_TYPES.length)
  .refine((list) => new Set(list).size === list.length, "must not repeat an event type")
  .meta({ description: "Event types to receive; empty or absent = all." });

export const createEndpointSchema = z
  .object({
    url: partnerUrlSchema,
    description: z.string().trim().max(200).optional(),
    events: eventsSchema.optional(),
    authentication: authenticationSchema.nullable().optional(),
  })
  .strict()
  .meta({ id: "CreateWebhookEndpointRequest" });
export type CreateEndpointInput = z.infer<typeof createEndpointSchema>;

export const updateEndpointSchema = z
  .object({
    url: partnerUrlSchema.optional(),
    description: z.string().trim().max(200).nullable().optional(),
    events: eventsSchema.optional(),
    authentication: authenticationSchema.nullable().optional(),
  })
  .strict()
  .meta({ id: "UpdateWebhookEndpointRequest" });
export type UpdateEndpointInput = z.infer<typeof updateEndpointSchema>;

export const listDeliveriesQuerySchema = z.object({
  status: z.enum(DELIVERY_STATUSES).optional(),
  event_type: z.enum(EVENT_TYPES).optional(),
  limit: z.coerce
    .number()
    .int("must be a whole number")
    .min(1, "must be at least 1")
    .max(100, "must be at most 100")
    .default(25),
  cursor: z.string().min(1).max(100).optional(),
});
export type ListDeliveriesQuery = z.infer<typeof listDeliveriesQuerySchema>;

// What the OAuth2 v1 token endpoint must answer (the webhook contract: "access_token and expires_in at minimum").
export const tokenResponseSchema = z.object({
  access_token: z.string().min(1).max(8192),
  expires_in: z.coerce
    .number()
    .positive()
    .max(10 * 365 * 86400),
});

// Redacted: the token URL and client id help the partner recognise the config; secrets never leave again.
export const endpointAuthenticationOutputSchema = z.union([
  z.object({
    type: z.literal("OAuth2"),
    version: z.literal("v1"),
    data: z.object({ url: z.string(), grant_type: z.literal("client_credentials"), client_id: z.string() }),
  }),
  z.object({ type: z.literal("OAuth2"), version: z.literal("v2") }),
]);

export const endpointSchema = z
  .object({
    id: z.string().meta({ example: "whe_4Qd0tXc2m9VZyJ3kLb7a" }),
    url: z.string(),
    description: z.string().nullable(),
    events: z.array(z.enum(EVENT_TYPES)),
    authentication: endpointAuthenticationOutputSchema.nullable(),
    status: z.enum(["enabled", "disabled"]),
    disabled_reason: z.string().nullable(),
    disabled_at: z.string().nullable(),
    failing_since: z.string().nullable(),
    previous_secret_expires_at: z.string().nullable(),
    created_at: z.string(),
  })
  .meta({ id: "WebhookEndpoint" });
export type EndpointOutput = z.infer<typeof endpointSchema>;

export const deliverySchema = z
  .object({
    id: z.string(),
    event_id: z.string(),
    event_type: z.string(),
    status: z.enum(DELIVERY_STATUSES),
    attempts: z.number().int(),
    last_status_code: z.number().int().nullable(),
    last_latency_ms: z.number().int().nullable(),
    last_error: z.string().nullable(),
    last_response_excerpt: z.string().nullable(),
    last_attempt_at: z.string().nullable(),
    next_attempt_at: z.string().nullable(),
    created_at: z.string(),
  })
  .meta({ id: "WebhookDelivery" });
export type DeliveryOutput = z.infer<typeof deliverySchema>;
