// Runs before Next routes a request. Only paths holding a `%` reach it (see the matcher): Next cannot decode a bad
// percent-encoding into route params and would answer a plain-text 500; the contract wants a 4xx JSON error.

import { describeMalformedPath } from "@/lib/api/well-formed";
import { AppError, toErrorResponse } from "@/lib/errors";
import { REDEMPTION_ROUTE_PREFIX, redemptionFailure } from "@/lib/login/redemption-failure";

export function proxy(request: Request): Response | undefined {
  const { pathname } = new URL(request.url);
  const problem = describeMalformedPath(pathname);
  if (!problem) return undefined;
  // The redemption route answers in its own contract's shape, every other path in the contract's.
  if (pathname.startsWith(REDEMPTION_ROUTE_PREFIX)) return redemptionFailure(400, problem);
  return toErrorResponse(new AppError("invalid_request", problem));
}

export const config = { matcher: ["/:rest(.*%.*)"] };
