// The services resource in the OpenAPI document: services, their checks, and Portico's own /authorize.
import { z } from "zod";
import {
  type Assert,
  errorResponses,
  json,
  nextCursorSchema,
  type OpenApiPaths,
  type Same,
} from "@/lib/api/openapi-parts";
import type { AuthorizeAnswer } from "./authorize";
import type { CheckOutput } from "./check-state";
import { listChecksQuerySchema } from "./checks";
import {
  createdServiceSchema,
  createServiceSchema,
  serviceListSchema,
  serviceSchema,
  updateServiceSchema,
} from "./schemas";

export const serviceIdParam = z.object({ id: z.string().meta({ description: "The service's `id` (svc_…)." }) });

const checkSchema = z
  .object({
    checked_at: z.string(),
    status: z.enum(["live", "unauthentic", "down"]),
    http_status: z.number().int().nullable(),
    latency_ms: z.number().int().nullable(),
    version: z.string().nullable(),
    error: z.string().nullable().meta({ description: "Why the check was not `live`; null when it was." }),
  })
  .meta({ id: "ServiceCheck", description: "One call of your service's /authorize by Portico's checks." });

const checkListSchema = z
  .object({ data: z.array(checkSchema), next_cursor: nextCursorSchema })
  .meta({ id: "ServiceCheckList" });

const authorizeAnswerSchema = z
  .object({
    timestamp: z.number().int().meta({ description: "Unix seconds.", example: 1764086400 }),
    service_signature: z.string().meta({
      description: "base64(HMAC-SHA256(key = Portico's service secret, message = service_id + String(timestamp))).",
    }),
    version: z.string().meta({ description: "The commit Portico was built from." }),
  })
  .meta({ id: "AuthorizeAnswer", description: "What your /authorize endpoint answers." });

export type DocumentedShapesMatch = [
  Assert<Same<z.infer<typeof checkSchema>, CheckOutput>>,
  Assert<Same<z.infer<typeof authorizeAnswerSchema>, AuthorizeAnswer>>,
];

export const servicePaths: OpenApiPaths = {
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
      requestParams: { path: serviceIdParam },
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
      requestParams: { path: serviceIdParam },
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
      requestParams: { path: serviceIdParam },
      responses: { "204": { description: "Deleted" }, ...errorResponses("apiToken", "serviceNotFound") },
    },
  },
  "/api/v1/services/{id}/check": {
    post: {
      summary: "Check a service now",
      description:
        "Calls your service's `/authorize` once, outside the schedule, and records the outcome like a scheduled check (status, version, history, events). The next scheduled check is unchanged. Always 200 when the service exists: a failed check is an outcome (`down`/`unauthentic`), not an error.",
      tags: ["Service checks"],
      requestParams: { path: serviceIdParam },
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
      requestParams: { path: serviceIdParam, query: listChecksQuerySchema },
      responses: {
        "200": { description: "A page of checks", ...json(checkListSchema) },
        ...errorResponses("apiToken", "serviceNotFound", { "400": "Invalid `limit` or `cursor`." }),
      },
    },
  },
  "/authorize": {
    get: {
      summary: "Portico's own /authorize",
      description:
        "Lets an upstream platform monitor Portico exactly as Portico monitors your services: verify `service_signature` with Portico's service secret and reject timestamps more than 300 s from your clock. Never cached.",
      tags: ["Operations"],
      security: [],
      responses: { "200": { description: "A fresh signed answer", ...json(authorizeAnswerSchema) } },
    },
  },
};
