// /api/openapi.json's `webhooks` section (OpenAPI 3.1): one entry per event type of the catalog, the request Portico
// sends to a partner's endpoint with that event. The SDK generates its PorticoEvent union from these entries.
import { z } from "zod";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import { EVENT_TYPES, eventCatalog, eventEnvelopeSchema } from "./catalog";

const header = (description: string) => z.string().meta({ description });

export const eventWebhooks: ZodOpenApiPathsObject = Object.fromEntries(
  EVENT_TYPES.map((type) => [
    type,
    {
      post: {
        operationId: `receive.${type}`,
        summary: type,
        description: `${eventCatalog[type].meta()?.description ?? ""} Sent to every enabled endpoint whose event filter includes \`${type}\` (or is empty), signed per Standard Webhooks; any 2xx answer acknowledges it, anything else is retried with backoff and the same \`webhook-id\`.`,
        tags: ["Webhooks"],
        security: [],
        requestParams: {
          header: z.object({
            "webhook-id": header("The event id; the same on every retry. Deduplicate on it."),
            "webhook-timestamp": header("Unix seconds of this attempt; reject stale ones."),
            "webhook-signature": header(
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
