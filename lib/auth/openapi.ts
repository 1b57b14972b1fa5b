// The API-tokens resource in the OpenAPI document: list, create (the token shown once) and revoke.
import { z } from "zod";
import { errorResponses, json, type OpenApiPaths } from "@/lib/api/openapi-parts";
import {
  apiTokenListSchema,
  createApiTokenSchema,
  createdApiTokenSchema,
  listApiTokensQuerySchema,
} from "./api-token-schemas";

export const apiTokenPaths: OpenApiPaths = {
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
      responses: {
        "204": { description: "Revoked" },
        ...errorResponses("apiToken", {
          "404": "No such API token for your partner account, or it is already revoked.",
        }),
      },
    },
  },
};
