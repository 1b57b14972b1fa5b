// The callback-verification resource in the OpenAPI document: a service's A&A callback and device certification.
import { z } from "zod";
import { errorResponses, json, type OpenApiPaths } from "@/lib/api/openapi-parts";
import { serviceIdParam } from "@/lib/services/openapi";
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
} from "./schemas";

export const callbackPaths: OpenApiPaths = {
  "/api/v1/services/{id}/callback": {
    get: {
      summary: "Get the A&A callback configuration",
      description:
        "Your callback settings, including the development token; the api_password is never returned (`has_api_password`).",
      tags: ["Callback verification"],
      requestParams: { path: serviceIdParam },
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
      requestParams: { path: serviceIdParam },
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
      requestParams: { path: serviceIdParam },
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
      requestParams: { path: serviceIdParam, query: listCallbackLogsQuerySchema },
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
      requestParams: { path: serviceIdParam },
      responses: {
        "200": { description: "What your endpoint answered", ...json(testCallbackResultSchema) },
        ...errorResponses("apiToken", "serviceNotFound", { "400": "No callback URL saved.", "429": "Too many tests." }),
      },
    },
  },
  "/api/v1/certify": {
    post: {
      summary: "Certify a device access token",
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
};
