// Route-handler wrappers: authentication, error mapping. A handler is wrapper + zod parse + one domain call.
import { runAsActor } from "@/lib/audit/context";
import { authenticateApiToken } from "@/lib/auth/api-tokens";
import { AppError, toErrorResponse } from "@/lib/errors";
import { hasPartnerRole, minimumRoleForMethod, type PartnerRole, roleRefusal } from "@/lib/members/roles";
import { withRequestObservation } from "@/lib/ops/request-log";
import { getBearerToken, getClientIp } from "./request";
import { assertNoEncodedNul } from "./well-formed";

type Params = Record<string, string | string[] | undefined>;

export interface ApiTokenContext<P extends Params> {
  request: Request;
  params: P;
  partner: Awaited<ReturnType<typeof authenticateApiToken>>["partner"];
  tokenId: string;
  /** What the token may do inside its partner (owner ⊇ developer ⊇ viewer). */
  role: PartnerRole;
}

export function withErrors<P extends Params = Params>(handler: (request: Request, params: P) => Promise<Response>) {
  return withRequestObservation<P>(async (request, params, requestId) => {
    try {
      assertNoEncodedNul(request.url);
      // Unauthenticated until a wrapper inside says who acts; the client address is known for the audit log.
      return await runAsActor(
        { actor: { type: "system", id: "anonymous" }, ip: getClientIp(request.headers) },
        async () => handler(request, params),
      );
    } catch (error) {
      return toErrorResponse(error, { requestId });
    }
  });
}

/**
 * `authCacheTtlMs`: serve the token lookup from memory for that long (hot routes; see authenticateApiToken).
 * `minimumRole`: the token's role must be at least this; by default reads need `viewer`, deletes `owner` and every
 * other change `developer` (minimumRoleForMethod). The handler runs as the token's actor for the audit log.
 */
export function withApiToken<P extends Params = Params>(
  handler: (context: ApiTokenContext<P>) => Promise<Response>,
  options: { authCacheTtlMs?: number; minimumRole?: PartnerRole } = {},
) {
  return withErrors<P>(async (request, params) => {
    const token = getBearerToken(request.headers);
    if (!token) {
      throw new AppError("unauthorized", "Send your API token as Authorization: Bearer <token>.", {
        headers: { "WWW-Authenticate": 'Bearer realm="portico"' },
      });
    }
    const { partner, tokenId, role } = await authenticateApiToken(token, { cacheTtlMs: options.authCacheTtlMs });
    const minimumRole = options.minimumRole ?? minimumRoleForMethod(request.method);
    if (!hasPartnerRole(role, minimumRole)) throw new AppError("forbidden", roleRefusal(minimumRole));
    return runAsActor({ actor: { type: "api_token", id: tokenId }, ip: getClientIp(request.headers), role }, () =>
      handler({ request, params, partner, tokenId, role }),
    );
  });
}
