// The audit resource in the OpenAPI document.
import { errorResponses, json, type OpenApiPaths } from "@/lib/api/openapi-parts";
import { auditEventListSchema, listAuditEventsQuerySchema } from "./audit";

export const auditPaths: OpenApiPaths = {
  "/api/v1/audit-events": {
    get: {
      summary: "List audit events",
      description:
        "Newest first: who (user, API token or system) did what to which object, from which IP, when. You see only your partner's events. Kept for `PORTICO_AUDIT_RETENTION_DAYS` (default 365).",
      tags: ["Audit"],
      requestParams: { query: listAuditEventsQuerySchema },
      responses: {
        "200": { description: "A page of events", ...json(auditEventListSchema) },
        ...errorResponses("apiToken", "invalidInput"),
      },
    },
  },
};
