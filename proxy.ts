// Runs before Next routes a request (see the matcher).
// - /api paths holding a `%`: Next cannot decode a bad percent-encoding into route params and would answer a
//   plain-text 500; the contract wants a 400 JSON error.
// - pages: Content-Security-Policy with a per-request nonce, HSTS over https, 403 for cross-origin server actions.
import { describeMalformedPath } from "@/lib/api/well-formed";
import { AppError, toErrorResponse } from "@/lib/errors";
import { securePageRequest } from "@/lib/http/page-security";

export function proxy(request: Request): Response | undefined {
  const pathname = new URL(request.url).pathname;
  if (pathname.startsWith("/api/")) {
    const problem = describeMalformedPath(pathname);
    return problem ? toErrorResponse(new AppError("invalid_request", problem)) : undefined;
  }
  return securePageRequest(request);
}

export const config = {
  matcher: ["/api/:rest(.*%.*)", "/((?!api/|_next/static|_next/image|favicon.ico).*)"],
};
