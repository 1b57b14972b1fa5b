// The OpenAPI 3.1 document, generated from the same zod schemas the route handlers parse with.
import { z } from "zod";
import { createDocument, type ZodOpenApiOperationObject } from "zod-openapi";
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
