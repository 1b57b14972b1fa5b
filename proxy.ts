// Runs before Next routes a request. Only /api paths holding a `%` reach it (see the matcher): Next cannot decode a bad
// percent-encoding into route params and would answer a plain-text 500; the contract wants a 400 JSON error.
import { AppError, toErrorResponse } from "@/lib/errors";
import { describeMalformedPath } from "@/lib/api/well-formed";

export function proxy(request: Request): Response | undefined {
  const problem = describeMalformedPath(new URL(request.url).pathname);
  return problem ? toErrorResponse(new AppError("invalid_request", problem)) : undefined;
}

export const config = { matcher: ["/api/:rest(.*%.*)"] };
