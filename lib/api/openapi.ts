// The OpenAPI 3.1 document, composed from each resource's part (lib/<resource>/openapi.ts, beside the zod schemas
// its route handlers parse with). Every route handler external programs call is described in one of them;
// tests/unit/openapi.test.ts fails on an undocumented one.
import { createDocument } from "zod-openapi";
import { auditPaths } from "@/lib/audit/openapi";
import { apiTokenPaths } from "@/lib/auth/openapi";
import { callbackPaths } from "@/lib/callbacks/openapi";
import { loginPaths } from "@/lib/login/openapi";
import { memberPaths } from "@/lib/members/openapi";
import { servicePaths } from "@/lib/services/openapi";
import { tokenPaths } from "@/lib/tokens/openapi";
import { webhookEvents, webhookPaths } from "@/lib/webhooks/openapi";
import type { OpenApiPaths } from "./openapi-parts";

const operationPaths: OpenApiPaths = {
  "/api/health": {
    get: {
      summary: "Liveness and database reachability",
      tags: ["Operations"],
      security: [],
      responses: { "200": { description: "Healthy" }, "503": { description: "Database unreachable" } },
    },
  },
  "/api/health/ready": {
    get: {
      summary: "Readiness: 200 only while the database accepts a write",
      tags: ["Operations"],
      security: [],
      responses: {
        "200": { description: "Ready: a probe row was written" },
        "503": {
          description: 'JSON `{error: "not_ready", message}`: the database refused the write or did not answer',
        },
      },
    },
  },
};

const paths: OpenApiPaths = {
  ...servicePaths,
  ...callbackPaths,
  ...tokenPaths,
  ...webhookPaths,
  ...loginPaths,
  ...apiTokenPaths,
  ...memberPaths,
  ...auditPaths,
  ...operationPaths,
};

let cached: ReturnType<typeof createDocument> | undefined;

export function getOpenApiDocument() {
  cached ??= createDocument({
    openapi: "3.1.0",
    info: {
      title: "Portico API",
      version: "1.0.0",
      description:
        "API of Portico. Authenticate with `Authorization: Bearer <api_token>` (create tokens in the panel). Errors are JSON `{error, message}`, except on the one-time login redemption endpoint (`GET /api/authorization/{services_token}`), which answers `{success: false, message}`.",
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
    paths,
    webhooks: webhookEvents,
  });
  return cached;
}
