// The OpenAPI 3.1 document, generated from the same zod schemas the route handlers parse with.
// Every route handler external programs call is described here; tests/unit/openapi.test.ts fails on an undocumented one.
import { z } from "zod";
import { createDocument, type ZodOpenApiOperationObject } from "zod-openapi";
import {
  apiTokenListSchema,
  createApiTokenSchema,
  createdApiTokenSchema,
  listApiTokensQuerySchema,
} from "@/lib/auth/api-token-schemas";
import {
  callbackConfigSchema,
  callbackConfigWithTokenSchema,
  callbackLogSchema,
  certifiedSchema,
  certifyRequestSchema,
  developmentTokenSchema,
  listCallbackLogsQuerySchema,
  putCallbackConfigSchema,
  testCallbackResultSchema,
} from "@/lib/callbacks/schemas";
import { redemptionFailureSchema, redemptionSchema } from "@/lib/login/schemas";
import type { AuthorizeAnswer } from "@/lib/services/authorize";
import type { CheckOutput } from "@/lib/services/check-state";
import { listChecksQuerySchema } from "@/lib/services/checks";
import {
  createdServiceSchema,
  createServiceSchema,
  serviceListSchema,
  serviceSchema,
  updateServiceSchema,
} from "@/lib/services/schemas";
import {
  issueTokenParamsSchema,
  transactionOutputSchema,
  transactionParamsSchema,
  verifyResultSchema,
  verifyTokenSchema,
} from "@/lib/tokens/schemas";
import type { listAttempts } from "@/lib/webhooks/deliveries";
import type { sendTestEvent } from "@/lib/webhooks/endpoints";
import {
  createEndpointSchema,
  deliveryDetailSchema,
  deliverySchema,
  disableEndpointSchema,
  endpointSchema,
  listDeliveriesQuerySchema,
  updateEndpointSchema,
} from "@/lib/webhooks/schemas";

export const errorSchema = z
  .object({
    error: z.string().meta({ example: "invalid_request" }),
    message: z.string().meta({ example: "name: is required" }),
  })
  .meta({ id: "Error", description: "Every error of the management API." });

// ---- Response shapes the capabilities return without an exported zod schema. The type assertions at the end of
// this block fail `tsc` if a capability's output drifts from what is documented here.

const checkSchema = z
  .object({
    checked_at: z.string(),
    status: z.enum(["live", "unauthentic", "down"]),
    http_status: z.number().int().nullable(),
    latency_ms: z.number().int().nullable(),
    version: z.string().nullable(),
    error: z.string().nullable().meta({ description: "Why the check was not `live`; null when it was." }),
  })
  .meta({ id: "ServiceCheck", description: "One seed-000 call of your service's /authorize." });

const checkListSchema = z
  .object({
    data: z.array(checkSchema),
    next_cursor: z
      .string()
      .nullable()
      .meta({ description: "Pass as `cursor` for the next (older) page; null on the last." }),
  })
  .meta({ id: "ServiceCheckList" });

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
  .object({
    data: z.array(deliverySchema),
    next_cursor: z
      .string()
      .nullable()
      .meta({ description: "Pass as `cursor` for the next (older) page; null on the last." }),
  })
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

const authorizeAnswerSchema = z
  .object({
    timestamp: z.number().int().meta({ description: "Unix seconds.", example: 1764086400 }),
    service_signature: z.string().meta({
      description: "base64(HMAC-SHA256(key = Portico's service secret, message = service_id + String(timestamp))).",
    }),
    version: z.string().meta({ description: "The commit Portico was built from." }),
  })
  .meta({ id: "AuthorizeAnswer", description: "Seed 000 /authorize answer." });

const redemptionOutputSchema = redemptionSchema.meta({
  id: "LoginRedemption",
  description:
    "Seed 004 success body. `session_expires_at`: end of the user's day in your time zone (ISO 8601 with offset).",
});
const redemptionFailureOutputSchema = redemptionFailureSchema.meta({
  id: "LoginRedemptionFailure",
  description: "Seed 004 failure body (not the management API's `{error, message}`).",
});

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;
/** Compile-time only: each documented shape equals what the capability returns. */
export type DocumentedShapesMatch = [
  Assert<Same<z.infer<typeof checkSchema>, CheckOutput>>,
  Assert<Same<z.infer<typeof attemptSchema>, Awaited<ReturnType<typeof listAttempts>>[number]>>,
  Assert<Same<z.infer<typeof testEventSchema>, Awaited<ReturnType<typeof sendTestEvent>>>>,
  Assert<Same<z.infer<typeof authorizeAnswerSchema>, AuthorizeAnswer>>,
];

// ---- Helpers

const json = (schema: z.ZodType) => ({ content: { "application/json": { schema } } });
const error = (description: string) => ({ description, ...json(errorSchema) });
const seedFailure = (description: string) => ({ description, ...json(redemptionFailureOutputSchema) });

type ErrorStatus = "400" | "401" | "403" | "404" | "409" | "413" | "415" | "429" | "502";
type ErrorDescriptions = Partial<Record<ErrorStatus, string>>;

/** Errors many operations share, worded once so the same failure reads the same everywhere in the document. */
const STANDARD_ERRORS = {
  apiToken: {
    "401": "Missing, malformed, expired or revoked API token.",
    "403": "The partnership has not been approved yet.",
  },
  jsonBody: { "413": "Body larger than 64 KB.", "415": "Body is not JSON." },
  invalidInput: { "400": "Invalid input (field errors in `message`)." },
  serviceNotFound: { "404": "No such service for your partner account." },
  endpointNotFound: { "404": "No such webhook endpoint for your partner account." },
  deliveryNotFound: { "404": "No such endpoint or delivery." },
  apiTokenNotFound: { "404": "No such API token for your partner account, or it is already revoked." },
} satisfies Record<string, ErrorDescriptions>;

/**
 * An operation's `{error, message}` responses: each argument names a group of STANDARD_ERRORS or gives the
 * operation's own descriptions, so an operation spells out only what is special about it.
 */
function errorResponses(...groups: (keyof typeof STANDARD_ERRORS | ErrorDescriptions)[]) {
  const descriptions: ErrorDescriptions = Object.assign(
    {},
    ...groups.map((group) => (typeof group === "string" ? STANDARD_ERRORS[group] : group)),
  );
  return Object.fromEntries(Object.entries(descriptions).map(([status, description]) => [status, error(description)]));
}

const idParam = z.object({ id: z.string().meta({ description: "The service's `id` (svc_…)." }) });
const endpointIdParam = z.object({ id: z.string().meta({ description: "The webhook endpoint's `id` (whe_…)." }) });
const deliveryParams = endpointIdParam.extend({
  deliveryId: z.string().meta({ description: "The delivery's `id` (dlv_…)." }),
});
const jwt = {
  description: "The JWT (HS256, claims iss/iat/exp/phn/xid; valid 90 s), as the whole body.",
  headers: z.object({ allow: z.literal("GET").meta({ description: "Seed 001: always `GET`." }) }),
  content: {
    "text/plain": {
      schema: z.string().meta({ example: "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJjdXNfMTIzIn0.c2lnbmF0dXJl" }),
    },
  },
};
const tokenErrors = errorResponses("apiToken", {
  "400": "`phone_number` is not a valid international number, or `xid` is not 1–64 of `[A-Za-z0-9._-]`.",
  "409": "The XID was already used by your account; send a new one.",
  "429": "Too many tokens per minute for your account or for this phone number (see Retry-After).",
});

const operations: Record<string, Record<string, ZodOpenApiOperationObject>> = {
  "/api/v1/services": {
    post: {
      summary: "Register a service",
      description: "Creates a draft service. `service_secret` is returned only here and on rotation.",
      tags: ["Services"],
      requestBody: json(createServiceSchema),
      responses: {
        "201": { description: "Created", ...json(createdServiceSchema) },
        ...errorResponses("invalidInput", "apiToken", "jsonBody"),
      },
    },
    get: {
      summary: "List your services",
      tags: ["Services"],
      responses: {
        "200": { description: "Your services, newest first", ...json(serviceListSchema) },
        ...errorResponses("apiToken"),
      },
    },
  },
  "/api/v1/services/{id}": {
    get: {
      summary: "Get a service",
      tags: ["Services"],
      requestParams: { path: idParam },
      responses: {
        "200": { description: "The service", ...json(serviceSchema) },
        ...errorResponses("apiToken", "serviceNotFound"),
      },
    },
    patch: {
      summary: "Update a service",
      description:
        "Only the fields sent change. A new URL or interval is checked right away. A new `url` of a published service sends it back to review: `state` becomes `submitted` (with `review_reason`) and end users cannot open it until an admin publishes it again.",
      tags: ["Services"],
      requestParams: { path: idParam },
      requestBody: json(updateServiceSchema),
      responses: {
        "200": { description: "The service as GET shows it", ...json(serviceSchema) },
        ...errorResponses("invalidInput", "apiToken", "serviceNotFound", "jsonBody"),
      },
    },
    delete: {
      summary: "Delete a service",
      description:
        "Gone for every caller at once: checks stop, certify with its `service_id` answers 404, `/launch/{id}` answers 404, and its unredeemed one-time login tokens are refused. Its checks, callback settings and log and end-user access go with it.",
      tags: ["Services"],
      requestParams: { path: idParam },
      responses: { "204": { description: "Deleted" }, ...errorResponses("apiToken", "serviceNotFound") },
    },
  },
  "/api/v1/services/{id}/callback": {
    get: {
      summary: "Get the A&A callback configuration",
      description: "Seed 002. Includes the development token; the api_password is never returned (`has_api_password`).",
      tags: ["Callback verification"],
      requestParams: { path: idParam },
      responses: {
        "200": {
          description: "The configuration (`configured: false` until first saved)",
          ...json(callbackConfigWithTokenSchema),
        },
        ...errorResponses("apiToken", "serviceNotFound"),
      },
    },
    put: {
      summary: "Configure A&A callback verification",
      description:
        "Production mode needs an https URL (http only where private targets are allowed), api_user and api_password. An empty or omitted api_password keeps the stored one.",
      tags: ["Callback verification"],
      requestParams: { path: idParam },
      requestBody: json(putCallbackConfigSchema),
      responses: {
        "200": { description: "Saved (without password or development token)", ...json(callbackConfigSchema) },
        ...errorResponses("apiToken", "serviceNotFound", {
          "400": "Invalid input, or production mode without URL/credentials.",
        }),
      },
    },
  },
  "/api/v1/services/{id}/callback/development-token": {
    post: {
      summary: "Regenerate the development token",
      description:
        "The previous development token stops working immediately. Development tokens are not for production.",
      tags: ["Callback verification"],
      requestParams: { path: idParam },
      responses: {
        "200": { description: "The new token", ...json(developmentTokenSchema) },
        ...errorResponses("apiToken", "serviceNotFound"),
      },
    },
  },
  "/api/v1/services/{id}/callback/logs": {
    get: {
      summary: "Certification log and 24 h success rate",
      description: "Newest first. Never contains access tokens or passwords.",
      tags: ["Callback verification"],
      requestParams: { path: idParam, query: listCallbackLogsQuerySchema },
      responses: {
        "200": { description: "The log", ...json(callbackLogSchema) },
        ...errorResponses("apiToken", "serviceNotFound"),
      },
    },
  },
  "/api/v1/services/{id}/callback/test": {
    post: {
      summary: "Send a sample request to your A&A endpoint",
      tags: ["Callback verification"],
      requestParams: { path: idParam },
      responses: {
        "200": { description: "What your endpoint answered", ...json(testCallbackResultSchema) },
        ...errorResponses("apiToken", "serviceNotFound", { "400": "No callback URL saved.", "429": "Too many tests." }),
      },
    },
  },
  "/api/v1/certify": {
    post: {
      summary: "Certify a device access token (seed 002)",
      description:
        "Called by devices, not with a Portico API token: send the device's `Authorization: <token_type> <access_token>` (e.g. `Bearer 123456789`). `service_id` is the public service_id. Production mode asks the partner's A&A endpoint; development mode compares with the development token.",
      tags: ["Callback verification"],
      security: [],
      requestParams: {
        header: z.object({
          authorization: z.string().meta({ description: "<token_type> <access_token>", example: "Bearer 123456789" }),
        }),
      },
      requestBody: json(certifyRequestSchema),
      responses: {
        "200": { description: "Certified", ...json(certifiedSchema) },
        // Called by devices, not with an API token: none of the shared wording fits.
        ...errorResponses({
          "400": "Invalid JSON or fields.",
          "401": "Missing or malformed Authorization header.",
          "403":
            "`not_certified`: refused by the partner, wrong development token, or production mode on an unpublished service.",
          "404": "No service with that service_id.",
          "413": "Body larger than 4 KB.",
          "429": "Rate limited per service or per client address (see Retry-After).",
          "502": "`partner_unreachable`: the A&A endpoint timed out (5 s) or could not be reached.",
        }),
      },
    },
  },
  "/api/v1/services/{id}/check": {
    post: {
      summary: "Check a service now",
      description:
        "Calls your service's `/authorize` (seed 000) once, outside the schedule, and records the outcome like a scheduled check (status, version, history, events). The next scheduled check is unchanged. Always 200 when the service exists: a failed check is an outcome (`down`/`unauthentic`), not an error.",
      tags: ["Service checks"],
      requestParams: { path: idParam },
      responses: {
        "200": { description: "The recorded check", ...json(checkSchema) },
        ...errorResponses("apiToken", "serviceNotFound"),
      },
    },
  },
  "/api/v1/services/{id}/checks": {
    get: {
      summary: "Check history",
      description: "Newest first, cursor-paginated. Raw checks are kept for 30 days.",
      tags: ["Service checks"],
      requestParams: { path: idParam, query: listChecksQuerySchema },
      responses: {
        "200": { description: "A page of checks", ...json(checkListSchema) },
        ...errorResponses("apiToken", "serviceNotFound", { "400": "Invalid `limit` or `cursor`." }),
      },
    },
  },
  "/api/v1/token/{phone_number}": {
    get: {
      summary: "Issue a token (new XID)",
      description:
        "Seed 001. Issues a JWT for the phone number under a fresh UUID v4 XID (read it from the `xid` claim). `phone_number` is international: `+14155552671`, `14155552671` (country code first) or URL-encoded `+1 (415) 555-2671`; it is stored in E.164.",
      tags: ["Tokens"],
      requestParams: { path: issueTokenParamsSchema.pick({ phone_number: true }) },
      responses: { "200": jwt, ...tokenErrors },
    },
  },
  "/api/v1/token/{phone_number}/{xid}": {
    get: {
      summary: "Issue a token (your XID)",
      description: "Seed 001. As above, under your own transaction id. Each XID can be used once per account.",
      tags: ["Tokens"],
      requestParams: { path: issueTokenParamsSchema.required() },
      responses: { "200": jwt, ...tokenErrors },
    },
  },
  "/api/v1/token/verify": {
    post: {
      summary: "Verify a token",
      description:
        "Checks the signature (current key, or the previous one for 10 minutes after a rotation), expiry (5 s leeway) and that your account issued exactly this token. The first successful verification marks the transaction `verified` and emits `transaction.verified`; later ones answer `already_verified: true`. An invalid token is a 200 with `valid: false` and a `reason`.",
      tags: ["Tokens"],
      requestBody: json(verifyTokenSchema),
      responses: {
        "200": { description: "The verdict", ...json(verifyResultSchema) },
        ...errorResponses("apiToken", "jsonBody", { "400": "Invalid JSON or missing `token`." }),
      },
    },
  },
  "/api/v1/transactions/{xid}": {
    get: {
      summary: "Transaction status",
      description: "Seed 001 Get Status. Only your own transactions; another account's XID is a 404.",
      tags: ["Tokens"],
      requestParams: { path: transactionParamsSchema },
      responses: {
        "200": { description: "The transaction", ...json(transactionOutputSchema) },
        ...errorResponses("apiToken", {
          "400": "`xid` is not 1–64 of `[A-Za-z0-9._-]`.",
          "404": "No transaction with this XID for your account.",
        }),
      },
    },
  },
  "/api/v1/webhook-endpoints": {
    post: {
      summary: "Create a webhook endpoint",
      description:
        "Events are POSTed to `url`, signed with the returned `secret` (shown only here and on rotation). `authentication` is seed 003's object: OAuth2 v1 (client credentials) or v2 (fixed token).",
      tags: ["Webhooks"],
      requestBody: json(createEndpointSchema),
      responses: {
        "201": { description: "Created", ...json(endpointWithSecretSchema) },
        ...errorResponses("invalidInput", "apiToken", "jsonBody", {
          "409": "Too many endpoints for your partner account.",
        }),
      },
    },
    get: {
      summary: "List your webhook endpoints",
      description: "Newest first. Secrets and credentials are never returned.",
      tags: ["Webhooks"],
      responses: {
        "200": { description: "Your endpoints", ...json(endpointListSchema) },
        ...errorResponses("apiToken"),
      },
    },
  },
  "/api/v1/webhook-endpoints/{id}": {
    get: {
      summary: "Get a webhook endpoint",
      tags: ["Webhooks"],
      requestParams: { path: endpointIdParam },
      responses: {
        "200": { description: "The endpoint", ...json(endpointSchema) },
        ...errorResponses("apiToken", "endpointNotFound"),
      },
    },
    patch: {
      summary: "Update a webhook endpoint",
      description:
        "Only the fields sent change. `authentication: null` removes authentication; changing it discards any cached OAuth2 access token.",
      tags: ["Webhooks"],
      requestParams: { path: endpointIdParam },
      requestBody: json(updateEndpointSchema),
      responses: {
        "200": { description: "The updated endpoint", ...json(endpointSchema) },
        ...errorResponses("invalidInput", "apiToken", "endpointNotFound", "jsonBody"),
      },
    },
    delete: {
      summary: "Delete a webhook endpoint",
      tags: ["Webhooks"],
      requestParams: { path: endpointIdParam },
      responses: { "204": { description: "Deleted" }, ...errorResponses("apiToken", "endpointNotFound") },
    },
  },
  "/api/v1/webhook-endpoints/{id}/disable": {
    post: {
      summary: "Disable a webhook endpoint",
      description:
        "Pauses the endpoint: nothing is sent to it while disabled (new events skip it, pending deliveries wait). The optional `reason` is shown as `disabled_reason`; without a body it is “Disabled by hand.”.",
      tags: ["Webhooks"],
      requestParams: { path: endpointIdParam },
      requestBody: { required: false, ...json(disableEndpointSchema) },
      responses: {
        "200": { description: "The disabled endpoint", ...json(endpointSchema) },
        ...errorResponses("invalidInput", "apiToken", "endpointNotFound", "jsonBody"),
      },
    },
  },
  "/api/v1/webhook-endpoints/{id}/enable": {
    post: {
      summary: "Re-enable a webhook endpoint",
      description:
        "After automatic disabling; forgets the failure streak so the endpoint gets the full grace period again.",
      tags: ["Webhooks"],
      requestParams: { path: endpointIdParam },
      responses: {
        "200": { description: "The endpoint", ...json(endpointSchema) },
        ...errorResponses("apiToken", "endpointNotFound"),
      },
    },
  },
  "/api/v1/webhook-endpoints/{id}/rotate-secret": {
    post: {
      summary: "Rotate the signing secret",
      description: "The new secret is shown only here; the previous one keeps signing alongside it for 24 h.",
      tags: ["Webhooks"],
      requestParams: { path: endpointIdParam },
      responses: {
        "200": { description: "The endpoint with its new secret", ...json(endpointWithSecretSchema) },
        ...errorResponses("apiToken", "endpointNotFound"),
      },
    },
  },
  "/api/v1/webhook-endpoints/{id}/test": {
    post: {
      summary: "Send a test event",
      description: "Queues a `webhook.test` event for this endpoint only; its outcome appears in the delivery log.",
      tags: ["Webhooks"],
      requestParams: { path: endpointIdParam },
      responses: {
        "202": { description: "Queued", ...json(testEventSchema) },
        ...errorResponses("apiToken", "endpointNotFound", { "409": "The endpoint is disabled; re-enable it first." }),
      },
    },
  },
  "/api/v1/webhook-endpoints/{id}/deliveries": {
    get: {
      summary: "Delivery log",
      description: "Newest first, cursor-paginated, filterable by status and event type.",
      tags: ["Webhooks"],
      requestParams: { path: endpointIdParam, query: listDeliveriesQuerySchema },
      responses: {
        "200": { description: "A page of deliveries", ...json(deliveryListSchema) },
        ...errorResponses("apiToken", "endpointNotFound", { "400": "Invalid filter, `limit` or `cursor`." }),
      },
    },
  },
  "/api/v1/webhook-endpoints/{id}/deliveries/{deliveryId}": {
    get: {
      summary: "Delivery detail",
      description:
        "The payload as sent, the request headers (the Authorization value masked) and every attempt with the receiver's answer: status, duration, error, response headers and the first 4 KiB of its body.",
      tags: ["Webhooks"],
      requestParams: { path: deliveryParams },
      responses: {
        "200": { description: "The delivery", ...json(deliveryDetailSchema) },
        ...errorResponses("apiToken", "deliveryNotFound"),
      },
    },
  },
  "/api/v1/webhook-endpoints/{id}/deliveries/{deliveryId}/attempts": {
    get: {
      summary: "Attempts of a delivery",
      tags: ["Webhooks"],
      requestParams: { path: deliveryParams },
      responses: {
        "200": { description: "The attempts", ...json(attemptListSchema) },
        ...errorResponses("apiToken", "deliveryNotFound"),
      },
    },
  },
  "/api/v1/webhook-endpoints/{id}/deliveries/{deliveryId}/replay": {
    post: {
      summary: "Replay a delivery",
      description:
        "Sends the delivery again from the start of the retry schedule with the same webhook-id (deduplicate on it). Earlier attempts stay in the log.",
      tags: ["Webhooks"],
      requestParams: { path: deliveryParams },
      responses: {
        "202": { description: "Queued again", ...json(deliverySchema) },
        ...errorResponses("apiToken", "deliveryNotFound", {
          "409": "The delivery is being sent right now; try again in a moment.",
        }),
      },
    },
  },
  "/api/v1/api-tokens": {
    get: {
      summary: "List your API tokens",
      description: "Newest first; never the tokens themselves. `include_revoked=false` hides revoked ones.",
      tags: ["API tokens"],
      requestParams: { query: listApiTokensQuerySchema },
      responses: {
        "200": { description: "Your API tokens", ...json(apiTokenListSchema) },
        ...errorResponses("apiToken", { "400": "`include_revoked` is not true or false." }),
      },
    },
    post: {
      summary: "Create an API token",
      description: "The `token` is shown only in this answer; Portico stores its SHA-256 hash.",
      tags: ["API tokens"],
      requestBody: json(createApiTokenSchema),
      responses: {
        "201": { description: "Created", ...json(createdApiTokenSchema) },
        ...errorResponses("invalidInput", "apiToken", "jsonBody"),
      },
    },
  },
  "/api/v1/api-tokens/{id}": {
    delete: {
      summary: "Revoke an API token",
      description: "From this answer on every route refuses the token with 401, the token making this call included.",
      tags: ["API tokens"],
      requestParams: { path: z.object({ id: z.string().meta({ description: "The token's `id` (tok_…)." }) }) },
      responses: { "204": { description: "Revoked" }, ...errorResponses("apiToken", "apiTokenNotFound") },
    },
  },
  "/api/authorization/{services_token}": {
    get: {
      summary: "Redeem a one-time login token (seed 004)",
      description:
        "Your service received `services=<token>` when Portico sent a user to it. Trade the token, with your API token, for the user's email, exactly once and within 2 minutes. Failures use the seed's `{success: false, message}` body, not `{error, message}`.",
      tags: ["One-time login"],
      requestParams: {
        path: z.object({
          services_token: z
            .string()
            .meta({ description: "The `services` query parameter your service received (43 characters, base64url)." }),
        }),
      },
      responses: {
        "200": { description: "Redeemed", ...json(redemptionOutputSchema) },
        "401": seedFailure("Missing, malformed, expired or revoked API token."),
        "403": seedFailure("The partnership is not approved, or the user no longer has access to the service."),
        "404": seedFailure("Unknown token (or another partner's)."),
        "410": seedFailure("The token was already used or has expired."),
      },
    },
  },
  "/authorize": {
    get: {
      summary: "Portico's own /authorize (seed 000)",
      description:
        "Lets an upstream platform monitor Portico exactly as Portico monitors your services: verify `service_signature` with Portico's service secret and reject timestamps more than 300 s from your clock. Never cached.",
      tags: ["Operations"],
      security: [],
      responses: { "200": { description: "A fresh signed answer", ...json(authorizeAnswerSchema) } },
    },
  },
  "/launch/{id}": {
    get: {
      summary: "Open a service (browser)",
      description:
        "Not for programs: the panel's launch link. With a signed-in session it mints a one-time login token (valid 2 minutes) and redirects to the service's versioned URL with `services=<token>` added; the service redeems it at `/api/authorization/{services_token}`. Responses carry `Referrer-Policy: no-referrer` and `Cache-Control: no-store`.",
      tags: ["One-time login"],
      security: [{ sessionCookie: [] }],
      requestParams: { path: idParam },
      responses: {
        "302": {
          description:
            "To the service (`<versioned_url>&services=<token>`), or to `/sign-in?callbackUrl=/launch/{id}` without a session.",
          headers: z.object({ location: z.string() }),
        },
        "403": {
          description: "HTML page: the service is not published, or the user may not open it.",
          content: { "text/html": { schema: z.string() } },
        },
        "404": {
          description: "HTML page: no such service (e.g. deleted).",
          content: { "text/html": { schema: z.string() } },
        },
      },
    },
  },
  "/api/health": {
    get: {
      summary: "Liveness and database reachability",
      tags: ["Operations"],
      security: [],
      responses: { "200": { description: "Healthy" }, "503": { description: "Database unreachable" } },
    },
  },
};

let cached: ReturnType<typeof createDocument> | undefined;

export function getOpenApiDocument() {
  cached ??= createDocument({
    openapi: "3.1.0",
    info: {
      title: "Portico API",
      version: "1.0.0",
      description:
        "API of Portico. Authenticate with `Authorization: Bearer <api_token>` (create tokens in the panel). Errors are JSON `{error, message}`, except on the seed-004 redemption endpoint, which answers the seed's `{success: false, message}`.",
    },
    servers: [{ url: "/" }],
    security: [{ bearerAuth: [] }],
    components: {
      securitySchemes: {
        bearerAuth: { type: "http", scheme: "bearer", bearerFormat: "ptk_…" },
        sessionCookie: {
          type: "apiKey",
          in: "cookie",
          name: "__Secure-authjs.session-token",
          description: "The panel's sign-in session (browser only; `authjs.session-token` over plain http).",
        },
      },
    },
    paths: operations,
  });
  return cached;
}
