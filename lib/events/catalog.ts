// The event catalog: every event partners hear about, one zod schema per type, the one definition of each payload.
// The outbox checks payloads against it (lib/events/outbox), the redemption claim builds login.redeemed from its
// field list (lib/db hot paths), and /api/openapi.json's `webhooks` section is generated from it, from which the SDK
// generates its PorticoEvent union. Adding a type: a schema here, then the writer that records it.
import { z } from "zod";

const isoTime = z.iso.datetime().meta({ description: "ISO 8601 instant, UTC." });

export const eventCatalog = {
  "service.status_changed": z
    .object({
      id: z.string().meta({ description: "The service's Portico id." }),
      service_id: z.string().meta({ description: "The service's public id." }),
      checked_at: isoTime,
      previous_status: z.enum(["unknown", "live", "unauthentic", "down"]),
      status: z.enum(["unknown", "live", "unauthentic", "down"]),
      error: z.string().nullable().meta({ description: "What the check that changed the status saw, if it failed." }),
    })
    .meta({
      id: "ServiceStatusChangedData",
      description: "A scheduled or on-demand check changed the service's status.",
    }),
  "service.version_changed": z
    .object({
      id: z.string().meta({ description: "The service's Portico id." }),
      service_id: z.string().meta({ description: "The service's public id." }),
      checked_at: isoTime,
      previous_version: z.string().nullable(),
      version: z.string(),
      versioned_url: z.string().meta({ description: "The URL end users are now sent to." }),
    })
    .meta({ id: "ServiceVersionChangedData", description: "A verified check reported a new version of the service." }),
  "login.redeemed": z
    .object({
      login_id: z.string(),
      service_id: z.string().meta({ description: "The service's public id." }),
      service_name: z.string(),
      internal_email_address: z.string(),
      redeemed_at: isoTime,
    })
    .meta({ id: "LoginRedeemedData", description: "A one-time login token was redeemed." }),
  "transaction.verified": z
    .object({
      xid: z.string(),
      phone_number: z.string(),
      verified_at: isoTime,
    })
    .meta({ id: "TransactionVerifiedData", description: "An issued phone token was verified for the first time." }),
  "webhook.test": z
    .object({
      endpoint_id: z.string(),
      message: z.string(),
    })
    .meta({ id: "WebhookTestData", description: "Sent on request to one endpoint to try it." }),
  "service.updated": z
    .object({
      id: z.string().meta({ description: "The service's Portico id." }),
      service_id: z.string().meta({ description: "The service's public id." }),
      changed: z
        .array(z.string())
        .meta({ description: "The fields that changed (name, url, check_interval_seconds)." }),
      state: z.string().meta({ description: "The review state afterwards (a new URL sends a published one back)." }),
    })
    .meta({ id: "ServiceUpdatedData", description: "A service's name, URL or check interval changed." }),
  "service.deleted": z
    .object({
      id: z.string().meta({ description: "The service's Portico id." }),
      service_id: z.string().meta({ description: "The service's public id." }),
      name: z.string(),
    })
    .meta({ id: "ServiceDeletedData", description: "A service was deleted, with its checks and one-time tokens." }),
  "webhook_endpoint.updated": z
    .object({ id: z.string(), changed: z.array(z.string()) })
    .meta({ id: "WebhookEndpointUpdatedData", description: "An endpoint's URL, description, events or auth changed." }),
  "webhook_endpoint.disabled": z
    .object({ id: z.string(), reason: z.string() })
    .meta({ id: "WebhookEndpointDisabledData", description: "An endpoint was disabled by hand." }),
  "webhook_endpoint.enabled": z
    .object({ id: z.string() })
    .meta({ id: "WebhookEndpointEnabledData", description: "A disabled endpoint was enabled again." }),
  "webhook_endpoint.deleted": z
    .object({ id: z.string() })
    .meta({ id: "WebhookEndpointDeletedData", description: "An endpoint was deleted." }),
  "api_token.created": z
    .object({ id: z.string(), name: z.string() })
    .meta({ id: "ApiTokenCreatedData", description: "An API token was created (the token itself is never sent)." }),
  "api_token.revoked": z
    .object({ id: z.string() })
    .meta({ id: "ApiTokenRevokedData", description: "An API token was revoked." }),
} as const;

export type EventType = keyof typeof eventCatalog;
export type EventData<T extends EventType> = z.infer<(typeof eventCatalog)[T]>;

/** In catalog order (the panel lists them in this order). */
export const EVENT_TYPES = Object.keys(eventCatalog) as [EventType, ...EventType[]];

export function isEventType(value: string): value is EventType {
  return Object.hasOwn(eventCatalog, value);
}

/** The payload, checked against its schema; throws when a writer built it wrong (a bug, never partner input). */
export function parseEventData<T extends EventType>(type: T, data: unknown): EventData<T> {
  return eventCatalog[type].parse(data) as EventData<T>;
}

/** What a webhook request's body holds (lib/webhooks/sender buildPayload), per event type. */
export type PorticoEvent = {
  [T in EventType]: { id: string; type: T; created_at: string; data: EventData<T> };
}[EventType];

/** The body schema of one event type's webhook request, as /api/openapi.json describes it. */
export function eventEnvelopeSchema<T extends EventType>(type: T) {
  const name = type
    .split(/[._]/)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join("");
  return z
    .object({
      id: z
        .string()
        .meta({ description: "Event id, stable across retries (the `webhook-id` header): deduplicate on it." }),
      type: z.literal(type),
      created_at: isoTime,
      data: eventCatalog[type],
    })
    .meta({ id: `${name}Event` });
}

/**
 * login.redeemed is written in SQL with the claim that causes it (one statement on PostgreSQL): each payload field
 * names the claimed value it holds, and each provider renders this list with its JSON function. The `satisfies`
 * keeps the list and the schema above the same set of fields.
 */
export const LOGIN_REDEEMED_FIELDS = {
  login_id: "loginId",
  service_id: "publicServiceId",
  service_name: "serviceName",
  internal_email_address: "email",
  redeemed_at: "redeemedAt",
} as const satisfies Record<keyof EventData<"login.redeemed">, string>;

export type LoginRedeemedSource = (typeof LOGIN_REDEEMED_FIELDS)[keyof typeof LOGIN_REDEEMED_FIELDS];

/** `json_build_object(…)` / `json_object(…)` over the claimed values, as each provider spells them. */
export function renderLoginRedeemedJson(jsonFunction: string, values: Record<LoginRedeemedSource, string>): string {
  const pairs = Object.entries(LOGIN_REDEEMED_FIELDS).map(([field, source]) => `'${field}', ${values[source]}`);
  return `${jsonFunction}(${pairs.join(", ")})`;
}
