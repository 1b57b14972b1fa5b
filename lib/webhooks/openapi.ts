// The webhooks resource in the OpenAPI document: endpoints, deliveries and attempts, and the events Portico sends.
import { z } from "zod";
import type { ZodOpenApiPathItemObject } from "zod-openapi";
import { type Assert, describeResource, nextCursorSchema, type OpenApiPaths, type Same } from "@/lib/api/openapi-parts";
import { EVENT_TYPES, eventCatalog, eventEnvelopeSchema } from "@/lib/events/catalog";
import type { listAttempts } from "./deliveries";
import type { sendTestEvent } from "./endpoints";
import {
  createEndpointSchema,
  deliveryDetailSchema,
  deliverySchema,
  disableEndpointSchema,
  endpointSchema,
  listDeliveriesQuerySchema,
  updateEndpointSchema,
} from "./schemas";

const endpointWithSecretSchema = endpointSchema
  .extend({
    secret: z.string().meta({
      description: "The signing secret (whsec_…). Shown only on creation and rotation.",
      example: "whsec_MfKQ9r8GKYqrnw4UrZ6eF0Q3YKQy3bSGw7x1RbCQd1c=",
    }),
  })
  .meta({ id: "WebhookEndpointWithSecret" });

const endpointListSchema = z.object({ data: z.array(endpointSchema) }).meta({ id: "WebhookEndpointList" });

const deliveryListSchema = z
  .object({ data: z.array(deliverySchema), next_cursor: nextCursorSchema })
  .meta({ id: "WebhookDeliveryList" });

const attemptSchema = z
  .object({
    id: z.string(),
    attempted_at: z.string(),
    status_code: z.number().int().nullable(),
    latency_ms: z.number().int().nullable(),
    error: z.string().nullable(),
    response_excerpt: z.string().nullable(),
  })
  .meta({ id: "WebhookAttempt" });

const attemptListSchema = z
  .object({ data: z.array(attemptSchema).meta({ description: "Newest first, at most 50." }) })
  .meta({ id: "WebhookAttemptList" });

const testEventSchema = z
  .object({ event_id: z.string(), delivery_id: z.string() })
  .meta({ id: "WebhookTestEvent", description: "The queued `webhook.test` event and its delivery to this endpoint." });

export type DocumentedShapesMatch = [
  Assert<Same<z.infer<typeof attemptSchema>, Awaited<ReturnType<typeof listAttempts>>[number]>>,
  Assert<Same<z.infer<typeof testEventSchema>, Awaited<ReturnType<typeof sendTestEvent>>>>,
];

const endpointIdParam = z.object({ id: z.string().meta({ description: "The webhook endpoint's `id` (whe_…)." }) });
const deliveryParams = endpointIdParam.extend({
  deliveryId: z.string().meta({ description: "The delivery's `id` (dlv_…)." }),
});

const endpoints = describeResource({ tags: ["Webhooks"] });
const endpoint = describeResource({ tags: ["Webhooks"], path: endpointIdParam, notFound: "endpointNotFound" });
const delivery = describeResource({ tags: ["Webhooks"], path: deliveryParams, notFound: "deliveryNotFound" });

export const webhookPaths: OpenApiPaths = {
  "/api/v1/webhook-endpoints": {
    post: endpoints.withBody({
      summary: "Create a webhook endpoint",
      description:
        "Events are POSTed to `url`, signed with the returned `secret` (shown only here and on rotation). `authentication`: OAuth2 v1 (client credentials) or v2 (fixed token).",
      body: createEndpointSchema,
      status: "201",
      answer: ["Created", endpointWithSecretSchema],
      errors: [{ "409": "Too many endpoints for your partner account." }],
    }),
    get: endpoints.withoutBody({
      summary: "List your webhook endpoints",
      description: "Newest first. Secrets and credentials are never returned.",
      answer: ["Your endpoints", endpointListSchema],
    }),
  },
  "/api/v1/webhook-endpoints/{id}": {
    get: endpoint.withoutBody({ summary: "Get a webhook endpoint", answer: ["The endpoint", endpointSchema] }),
    patch: endpoint.withBody({
      summary: "Update a webhook endpoint",
      description:
        "Only the fields sent change. `authentication: null` removes authentication; changing it discards any cached OAuth2 access token.",
      body: updateEndpointSchema,
      answer: ["The updated endpoint", endpointSchema],
    }),
    delete: endpoint.remove({ summary: "Delete a webhook endpoint" }),
  },
  "/api/v1/webhook-endpoints/{id}/disable": {
    post: endpoint.withBody({
      summary: "Disable a webhook endpoint",
      description:
        "Pauses the endpoint: nothing is sent to it while disabled (new events skip it, pending deliveries wait). The optional `reason` is shown as `disabled_reason`; without a body it is “Disabled by hand.”.",
      body: disableEndpointSchema,
      optionalBody: true,
      answer: ["The disabled endpoint", endpointSchema],
    }),
  },
  "/api/v1/webhook-endpoints/{id}/enable": {
    post: endpoint.withoutBody({
      summary: "Re-enable a webhook endpoint",
      description:
        "After automatic disabling; forgets the failure streak so the endpoint gets the full grace period again.",
      answer: ["The endpoint", endpointSchema],
    }),
  },
  "/api/v1/webhook-endpoints/{id}/rotate-secret": {
    post: endpoint.withoutBody({
      summary: "Rotate the signing secret",
      description: "The new secret is shown only here; the previous one keeps signing alongside it for 24 h.",
      answer: ["The endpoint with its new secret", endpointWithSecretSchema],
    }),
  },
  "/api/v1/webhook-endpoints/{id}/test": {
    post: endpoint.withoutBody({
      summary: "Send a test event",
      description: "Queues a `webhook.test` event for this endpoint only; its outcome appears in the delivery log.",
      status: "202",
      answer: ["Queued", testEventSchema],
      errors: [{ "409": "The endpoint is disabled; re-enable it first." }],
    }),
  },
  "/api/v1/webhook-endpoints/{id}/deliveries": {
    get: endpoint.withoutBody({
      summary: "Delivery log",
      description: "Newest first, cursor-paginated, filterable by status and event type.",
      query: listDeliveriesQuerySchema,
      answer: ["A page of deliveries", deliveryListSchema],
      errors: [{ "400": "Invalid filter, `limit` or `cursor`." }],
    }),
  },
  "/api/v1/webhook-endpoints/{id}/deliveries/{deliveryId}": {
    get: delivery.withoutBody({
      summary: "Delivery detail",
      description:
        "The payload as sent, the request headers (the Authorization value masked) and every attempt with the receiver's answer: status, duration, error, response headers and the first 4 KiB of its body.",
      answer: ["The delivery", deliveryDetailSchema],
    }),
  },
  "/api/v1/webhook-endpoints/{id}/deliveries/{deliveryId}/attempts": {
    get: delivery.withoutBody({ summary: "Attempts of a delivery", answer: ["The attempts", attemptListSchema] }),
  },
  "/api/v1/webhook-endpoints/{id}/deliveries/{deliveryId}/replay": {
    post: delivery.withoutBody({
      summary: "Replay a delivery",
      description:
        "Sends the delivery again from the start of the retry schedule with the same webhook-id (deduplicate on it). Earlier attempts stay in the log.",
      status: "202",
      answer: ["Queued again", deliverySchema],
      errors: [{ "409": "The delivery is being sent right now; try again in a moment." }],
    }),
  },
};

// The document's top-level `webhooks` section (OpenAPI 3.1): one entry per event type of the catalog (lib/events),
// keyed by the event type, describing the request Portico sends to an endpoint with that event. The SDK generates its
// PorticoEvent union from these entries.

const webhookHeader = (description: string) => z.string().meta({ description });

export const webhookEvents: Record<string, ZodOpenApiPathItemObject> = Object.fromEntries(
  EVENT_TYPES.map((type) => [
    type,
    {
      post: {
        operationId: `receive.${type}`,
        summary: type,
        description: `${eventCatalog[type].meta()?.description ?? ""} Sent to every enabled endpoint whose event filter includes \`${type}\` (or is empty), signed per Standard Webhooks; any 2xx answer acknowledges it, anything else is retried with backoff and the same \`webhook-id\`.`,
        tags: ["Webhook events"],
        security: [],
        requestParams: {
          header: z.object({
            "webhook-id": webhookHeader("The event id; the same on every retry. Deduplicate on it."),
            "webhook-timestamp": webhookHeader("Unix seconds of this attempt; reject stale ones."),
            "webhook-signature": webhookHeader(
              "`v1,<base64 HMAC-SHA256>` of `id.timestamp.body`, space-separated when two secrets sign.",
            ),
          }),
        },
        requestBody: { required: true, content: { "application/json": { schema: eventEnvelopeSchema(type) } } },
        responses: { "200": { description: "Any 2xx acknowledges the event." } },
      },
    },
  ]),
);
