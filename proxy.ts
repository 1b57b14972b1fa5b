// Runs before Next routes a request (see the matcher).
// - paths holding a `%` that is not a plain ASCII escape (%01–%7F): Next cannot decode a bad percent-encoding into
//   route params and would answer a plain-text 500; the contract wants a 4xx JSON error. ASCII escapes (the `%2B` of
//   every phone number on the issuance route) skip the proxy: running it costs about a millisecond per request.
// - pages: Content-Security-Policy with a per-request nonce, HSTS over https, 403 for cross-origin server actions.

import { describeMalformedPath } from "@/lib/api/well-formed";
import { AppError, toErrorResponse } from "@/lib/errors";
import { securePageRequest } from "@/lib/http/page-security";
import { REDEMPTION_ROUTE_PREFIX, redemptionFailure } from "@/lib/login/redemption-failure";

export function proxy(request: Request): Response | undefined {
  const { pathname } = new URL(request.url);
  const problem = describeMalformedPath(pathname);
  if (problem) {
    // The redemption route answers in its own contract's shape, every other path in the contract's.
    if (pathname.startsWith(REDEMPTION_ROUTE_PREFIX)) return redemptionFailure(400, problem);
    return toErrorResponse(new AppError("invalid_request", problem));
  }
  if (
    pathname.startsWith("/api/") ||
    pathname.startsWith("/_next/static") ||
    pathname.startsWith("/_next/image") ||
    pathname === "/favicon.ico"
  ) {
    return undefined;
  }
  return securePageRequest(request);
}

export const config = {
  matcher: ["/:rest(.*%(?!0[1-9A-Fa-f]|[1-7][0-9A-Fa-f]).*)", "/((?!api/|_next/static|_next/image|favicon.ico).*)"],
};
