// Route-handler wrappers: authentication, error mapping. A handler is wrapper + zod parse + one domain call.
import { authenticateApiToken } from "@/lib/auth/api-tokens";
import { AppError, getRequestId, toErrorResponse } from "@/lib/errors";
import { getBearerToken } from "./request";
import { assertNoEncodedNul } from "./well-formed";

type Params = Record<string, string | string[] | undefined>;
type RouteContext = { params: Promise<Params> };

export interface ApiTokenContext<P extends Params> {
  request: Request;
  params: P;
  partner: Awaited<ReturnType<typeof authenticateApiToken>>["partner"];
  tokenId: string;
}

export function withErrors<P extends Params = Params>(handler: (request: Request, params: P) => Promise<Response>) {
  return async (request: Request, context: RouteContext): Promise<Response> => {
    try {
      assertNoEncodedNul(request.url);
      return await handler(request, (await context.params) as P);
    } catch (error) {
      return toErrorResponse(error, { requestId: getRequestId(request.headers) });
    }
  };
}

/** `authCacheTtlMs`: serve the token lookup from memory for that long (hot routes; see authenticateApiToken). */
export function withApiToken<P extends Params = Params>(
  handler: (context: ApiTokenContext<P>) => Promise<Response>,
  options: { authCacheTtlMs?: number } = {},
) {
  return withErrors<P>(async (request, params) => {
    const token = getBearerToken(request.headers);
    if (!token) {
      throw new AppError("unauthorized", "Send your API token as Authorization: Bearer <token>.", {
        headers: { "WWW-Authenticate": 'Bearer realm="portico"' },
      });
    }
    const { partner, tokenId } = await authenticateApiToken(token, { cacheTtlMs: options.authCacheTtlMs });
    return handler({ request, params, partner, tokenId });
  });
}
