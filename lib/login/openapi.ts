// The one-time login resource in the OpenAPI document: the panel's launch link and the redemption endpoint.
import { z } from "zod";
import { json, type OpenApiPaths } from "@/lib/api/openapi-parts";
import { serviceIdParam } from "@/lib/services/openapi";
import { redemptionFailureSchema, redemptionSchema } from "./schemas";

const redemptionOutputSchema = redemptionSchema.meta({
  id: "LoginRedemption",
  description:
    "A redeemed one-time login token. `session_expires_at`: end of the user's day in your time zone (ISO 8601 with offset).",
});
const redemptionFailureOutputSchema = redemptionFailureSchema.meta({
  id: "LoginRedemptionFailure",
  description: "Why a one-time login token was refused (not the management API's `{error, message}`).",
});
const redemptionFailure = (description: string) => ({ description, ...json(redemptionFailureOutputSchema) });

export const loginPaths: OpenApiPaths = {
  "/api/authorization/{services_token}": {
    get: {
      summary: "Redeem a one-time login token",
      description:
        "Your service received `services=<token>` when Portico sent a user to it. Trade the token, with your API token, for the user's email, exactly once and within 2 minutes. Failures answer `{success: false, message}`, not `{error, message}`.",
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
        "401": redemptionFailure("Missing, malformed, expired or revoked API token."),
        "403": redemptionFailure("The partnership is not approved, or the user no longer has access to the service."),
        "404": redemptionFailure("Unknown token (or another partner's)."),
        "410": redemptionFailure("The token was already used or has expired."),
      },
    },
  },
  "/launch/{id}": {
    get: {
      summary: "Open a service (browser)",
      description:
        "Not for programs: the panel's launch link. With a signed-in session it mints a one-time login token (valid 2 minutes) and redirects to the service's versioned URL with `services=<token>` added; the service redeems it at `/api/authorization/{services_token}`. Responses carry `Referrer-Policy: no-referrer` and `Cache-Control: no-store`.",
      tags: ["One-time login"],
      security: [{ sessionCookie: [] }],
      requestParams: { path: serviceIdParam },
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
};
