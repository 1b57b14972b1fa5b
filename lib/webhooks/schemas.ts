// Wire shapes of the webhooks API. `authentication` is exactly the webhook contract's object; everything else is ours.
import { z } from "zod";
import { EVENT_TYPES } from "@/lib/events/catalog";
import { partnerUrlSchema } from "@/lib/http/url-schema";
import { ENDPOINT_DESCRIPTION_MAX, OAUTH_CLIENT_ID_MAX, OAUTH_SCOPE_MAX, OAUTH_SECRET_MAX } from "./limits";

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
        client_id: z.string().min(1, "is required").max(OAUTH_CLIENT_ID_MAX),
        client_secret: z.string().min(1, "is required").max(OAUTH_SECRET_MAX),
        scope: z
          .string()
          .trim()
          .min(1, "must not be empty when given")
          .max(OAUTH_SCOPE_MAX, `must be at most ${OAUTH_SCOPE_MAX} characters`)
          .optional()
          .meta({ description: "Space-separated OAuth2 scopes sent with the token request; omitted when absent." }),
      })
      .strict(),
  })
  .strict();

export const oauth2V2Schema = z
  .object({
    type: z.literal("OAuth2"),
    version: z.literal("v2"),
    data: z.object({ token: z.string().min(1, "is required").max(OAUTH_SECRET_MAX) }).strict(),
  })
  .strict();

export const authenticationSchema = z.discriminatedUnion("version", [oauth2V1Schema, oauth2V2Schema]).meta({
  id: "WebhookAuthentication",
  description: "How Portico authenticates to your endpoint: OAuth2 v1 (client credentials) or v2 (fixed token).",
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
    description: z.string().trim().max(ENDPOINT_DESCRIPTION_MAX, "must be at most 200 characters").optional(),
    events: eventsSchema.optional(),
    authentication: authenticationSchema.nullable().optional(),
  })
  .strict()
  .meta({ id: "CreateWebhookEndpointRequest" });
export type CreateEndpointInput = z.infer<typeof createEndpointSchema>;

export const updateEndpointSchema = z
  .object({
    url: partnerUrlSchema.optional(),
    description: z
      .string()
      .trim()
      .max(ENDPOINT_DESCRIPTION_MAX, "must be at most 200 characters")
      .nullable()
      .optional(),
    events: eventsSchema.optional(),
    authentication: authenticationSchema.nullable().optional(),
  })
  .strict()
  .meta({ id: "UpdateWebhookEndpointRequest" });
export type UpdateEndpointInput = z.infer<typeof updateEndpointSchema>;

export const disableEndpointSchema = z
  .object({ reason: z.string().trim().max(200, "must be at most 200 characters").optional() })
  .strict()
  .meta({ id: "DisableWebhookEndpointRequest" });

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
    data: z.object({
      url: z.string(),
      grant_type: z.literal("client_credentials"),
      client_id: z.string(),
      scope: z.string().optional(),
    }),
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
    failing_since: z
      .string()
      .nullable()
      .meta({ description: "First failure of the current unbroken run of failed deliveries; null once one succeeds." }),
    last_token_fetch: z
      .object({ at: z.string(), ok: z.boolean(), error: z.string().nullable() })
      .nullable()
      .meta({ description: "OAuth2 v1: the last token request and whether it worked; null before the first." }),
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

const headersSchema = z.record(z.string(), z.string());

export const deliveryAttemptDetailSchema = z
  .object({
    id: z.string(),
    attempted_at: z.string(),
    status_code: z.number().int().nullable().meta({ description: "null when no HTTP answer came (e.g. timeout)." }),
    duration_ms: z.number().int().nullable(),
    error: z.string().nullable(),
    request_headers: headersSchema.nullable().meta({ description: "Sent with this attempt; Authorization masked." }),
    response_headers: headersSchema.nullable(),
    response_body: z.string().nullable().meta({ description: "The first 4 KiB of the receiver's answer." }),
    response_truncated: z.boolean().meta({ description: "True when the answer was longer than response_body." }),
  })
  .meta({ id: "WebhookDeliveryAttemptDetail" });

export const deliveryDetailSchema = deliverySchema
  .omit({ attempts: true })
  .extend({
    payload: z.record(z.string(), z.unknown()).meta({ description: "The JSON body sent (and signed)." }),
    request_headers: headersSchema
      .nullable()
      .meta({ description: "Headers of the latest request sent; the Authorization value is masked." }),
    attempts: z.array(deliveryAttemptDetailSchema).meta({ description: "Every attempt, oldest first." }),
  })
  .meta({ id: "WebhookDeliveryDetail" });
export type DeliveryDetailOutput = z.infer<typeof deliveryDetailSchema>;
