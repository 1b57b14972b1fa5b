// The redemption endpoint answers failures in the seed's shape `{"success": false, "message"}`, not the
// management API's `{error, message}`; this wrapper is the only place that knows.

import { getBearerToken } from "@/lib/api/request";
import { authenticateApiToken } from "@/lib/auth/api-tokens";
import { AppError, getRequestId, INTERNAL_ERROR_MESSAGE, logUnexpectedError } from "@/lib/errors";

type Params = Record<string, string | string[] | undefined>;
type RouteContext = { params: Promise<Params> };
type Partner = Awaited<ReturnType<typeof authenticateApiToken>>["partner"];

const NO_STORE = { "cache-control": "no-store" };

/** Redemption is a hot route: the API-token lookup is served from memory this long (see authenticateApiToken). */
export const REDEMPTION_AUTH_CACHE_MS = 5_000;

export function seedFailure(status: number, message: string, headers: Record<string, string> = {}): Response {
  return Response.json({ success: false, message }, { status, headers: { ...NO_STORE, ...headers } });
}

/**
 * Bearer API token of an approved partner, then the handler; every failure becomes the seed's shape.
 * `authCacheTtlMs`: serve the token lookup from memory for that long (as withApiToken).
 */
export function withSeedApiToken<P extends Params>(
  handler: (context: { partner: Partner; params: P }) => Promise<Response>,
  options: { authCacheTtlMs?: number } = {},
) {
  return async (request: Request, context: RouteContext): Promise<Response> => {
    try {
      const token = getBearerToken(request.headers);
      if (!token) {
        return seedFailure(401, "Send your API token as Authorization: Bearer <token>.", {
          "www-authenticate": 'Bearer realm="portico"',
        });
      }
      const { partner } = await authenticateApiToken(token, { cacheTtlMs: options.authCacheTtlMs });
      return await handler({ partner, params: (await context.params) as P });
    } catch (error) {
      if (error instanceof AppError) return seedFailure(error.status, error.message, error.headers);
      logUnexpectedError(error, { where: "redemption", requestId: getRequestId(request.headers) });
      return seedFailure(500, INTERNAL_ERROR_MESSAGE);
    }
  };
}
