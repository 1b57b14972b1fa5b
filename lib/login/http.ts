// The redemption endpoint answers failures in the contract's shape `{"success": false, "message"}`, not the
// management API's `{error, message}`; this wrapper is the only place that knows.

import { getBearerToken } from "@/lib/api/request";
import { authenticateApiToken } from "@/lib/auth/api-tokens";
import { AppError, INTERNAL_ERROR_MESSAGE, logUnexpectedError, toUnavailableError } from "@/lib/errors";
import { withRequestObservation } from "@/lib/ops/request-log";
import { redemptionFailure } from "./redemption-failure";

type Params = Record<string, string | string[] | undefined>;
type Partner = Awaited<ReturnType<typeof authenticateApiToken>>["partner"];

/** Redemption is a hot route: the API-token lookup is served from memory this long (see authenticateApiToken). */
export const REDEMPTION_AUTH_CACHE_MS = 5_000;

/**
 * Bearer API token of an approved partner, then the handler; every failure becomes the contract's shape.
 * `authCacheTtlMs`: serve the token lookup from memory for that long (as withApiToken).
 */
export function withRedemptionAuth<P extends Params>(
  handler: (context: { partner: Partner; params: P }) => Promise<Response>,
  options: { authCacheTtlMs?: number } = {},
) {
  return withRequestObservation<P>(async (request, params, requestId) => {
    try {
      const token = getBearerToken(request.headers);
      if (!token) {
        return redemptionFailure(401, "Send your API token as Authorization: Bearer <token>.", {
          "www-authenticate": 'Bearer realm="portico"',
        });
      }
      const { partner } = await authenticateApiToken(token, { cacheTtlMs: options.authCacheTtlMs });
      return await handler({ partner, params });
    } catch (error) {
      const known = error instanceof AppError ? error : toUnavailableError(error);
      if (known) return redemptionFailure(known.status, known.message, known.headers);
      logUnexpectedError(error, { where: "redemption", requestId });
      return redemptionFailure(500, INTERNAL_ERROR_MESSAGE);
    }
  });
}
