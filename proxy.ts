// Runs before Next routes a request. Only paths holding a `%` reach it (see the matcher): Next cannot decode a bad
// percent-encoding into route params and would answer a plain-text 500; the contract wants a 4xx JSON error.

import { describeMalformedPath } from "@/lib/api/well-formed";
import { AppError, toErrorResponse } from "@/lib/errors";
import { SEED_ROUTE_PREFIX, seedFailure } from "@/lib/login/seed-failure";

export function proxy(request: Request): Response | undefined {
  const { pathname } = new URL(request.url);
  const problem = describeMalformedPath(pathname);
  if (!problem) return undefined;
  // The redemption route answers in the seed's shape, every other path in the contract's.
  if (pathname.startsWith(SEED_ROUTE_PREFIX)) return seedFailure(400, problem);
  return toErrorResponse(new AppError("invalid_request", problem));
}

export const config = { matcher: ["/:rest(.*%.*)"] };
