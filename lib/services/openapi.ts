// The services resource in the OpenAPI document: services, their checks, and Portico's own /authorize.
import { z } from "zod";
import {
  type Assert,
  describeResource,
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

const services = describeResource({ tags: ["Services"] });
const service = describeResource({ tags: ["Services"], path: serviceIdParam, notFound: "serviceNotFound" });
const serviceChecks = describeResource({ tags: ["Service checks"], path: serviceIdParam, notFound: "serviceNotFound" });

export const servicePaths: OpenApiPaths = {
  "/api/v1/services": {
    post: services.withBody({
      summary: "Register a service",
      description: "Creates a draft service. `service_secret` is returned only here and on rotation.",
      body: createServiceSchema,
      status: "201",
      answer: ["Created", createdServiceSchema],
    }),
    get: services.withoutBody({
      summary: "List your services",
      answer: ["Your services, newest first", serviceListSchema],
    }),
  },
  "/api/v1/services/{id}": {
    get: service.withoutBody({ summary: "Get a service", answer: ["The service", serviceSchema] }),
    patch: service.withBody({
      summary: "Update a service",
      description:
        "Only the fields sent change. A new URL or interval is checked right away. A new `url` of a published service sends it back to review: `state` becomes `submitted` (with `review_reason`) and end users cannot open it until an admin publishes it again.",
      body: updateServiceSchema,
      answer: ["The service as GET shows it", serviceSchema],
    }),
    delete: service.remove({
      summary: "Delete a service",
      description:
        "Gone for every caller at once: checks stop, certify with its `service_id` answers 404, `/launch/{id}` answers 404, and its unredeemed one-time login tokens are refused. Its checks, callback settings and log and end-user access go with it.",
    }),
  },
  "/api/v1/services/{id}/check": {
    post: serviceChecks.withoutBody({
      summary: "Check a service now",
      description:
        "Calls your service's `/authorize` once, outside the schedule, and records the outcome like a scheduled check (status, version, history, events). The next scheduled check is unchanged. Always 200 when the service exists: a failed check is an outcome (`down`/`unauthentic`), not an error.",
      answer: ["The recorded check", checkSchema],
    }),
  },
  "/api/v1/services/{id}/checks": {
    get: serviceChecks.withoutBody({
      summary: "Check history",
      description:
        "Newest first, cursor-paginated. Raw checks are kept for `PORTICO_RETENTION_CHECKS_DAYS` (default 30).",
      query: listChecksQuerySchema,
      answer: ["A page of checks", checkListSchema],
      errors: [{ "400": "Invalid `limit` or `cursor`." }],
    }),
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
