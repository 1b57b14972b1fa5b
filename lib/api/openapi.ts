// The OpenAPI 3.1 document, generated from the same zod schemas the route handlers parse with.
import { z } from "zod";
import { createDocument, type ZodOpenApiOperationObject } from "zod-openapi";
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
import { createdServiceSchema, createServiceSchema, serviceListSchema, serviceSchema } from "@/lib/services/schemas";

export const errorSchema = z
  .object({
    error: z.string().meta({ example: "invalid_request" }),
    message: z.string().meta({ example: "name: is required" }),
  })
  .meta({ id: "Error", description: "Every error of the management API." });

const json = (schema: z.ZodType) => ({ content: { "application/json": { schema } } });
const error = (description: string) => ({ description, ...json(errorSchema) });
const authErrors = {
  "401": error("Missing, malformed, expired or revoked API token."),
  "403": error("The partnership has not been approved yet."),
};
const idParam = z.object({ id: z.string().meta({ description: "The service's `id` (svc_…)." }) });

const operations: Record<string, Record<string, ZodOpenApiOperationObject>> = {
  "/api/v1/services": {
    post: {
      summary: "Register a service",
      description: "Creates a draft service. `service_secret` is returned only here and on rotation.",
      tags: ["Services"],
      requestBody: json(createServiceSchema),
      responses: {
        "201": { description: "Created", ...json(createdServiceSchema) },
        "400": error("Invalid input (field errors in `message`)."),
        ...authErrors,
        "413": error("Body larger than 64 KB."),
        "415": error("Body is not JSON."),
      },
    },
    get: {
      summary: "List your services",
      tags: ["Services"],
      responses: { "200": { description: "Your services, newest first", ...json(serviceListSchema) }, ...authErrors },
    },
  },
  "/api/v1/services/{id}": {
    get: {
      summary: "Get a service",
      tags: ["Services"],
      requestParams: { path: idParam },
      responses: {
        "200": { description: "The service", ...json(serviceSchema) },
        ...authErrors,
        "404": error("No such service for your partner account."),
      },
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
        ...authErrors,
        "404": error("No such service for your partner account."),
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
        "400": error("Invalid input, or production mode without URL/credentials."),
        ...authErrors,
        "404": error("No such service for your partner account."),
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
        ...authErrors,
        "404": error("No such service."),
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
        ...authErrors,
        "404": error("No such service."),
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
        "400": error("No callback URL saved."),
        ...authErrors,
        "404": error("No such service."),
        "429": error("Too many tests."),
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
        "400": error("Invalid JSON or fields."),
        "401": error("Missing or malformed Authorization header."),
        "403": error(
          "`not_certified`: refused by the partner, wrong development token, or production mode on an unpublished service.",
        ),
        "404": error("No service with that service_id."),
        "413": error("Body larger than 4 KB."),
        "429": error("Rate limited per service or per client address (see Retry-After)."),
        "502": error("`partner_unreachable`: the A&A endpoint timed out (5 s) or could not be reached."),
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
        "Management API of Portico. Authenticate with `Authorization: Bearer <api_token>` (create tokens in the panel). Errors are JSON `{error, message}`.",
    },
    servers: [{ url: "/" }],
    security: [{ bearerAuth: [] }],
    components: { securitySchemes: { bearerAuth: { type: "http", scheme: "bearer", bearerFormat: "ptk_…" } } },
    paths: operations,
  });
  return cached;
}
