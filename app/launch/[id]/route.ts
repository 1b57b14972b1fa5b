// GET /launch/{id}: mint a one-time login token and send the user to the service with it (one-time login contract).

import { renderUnavailablePage } from "@/components/login/unavailable-page";
import { auth } from "@/lib/auth/auth";
import { launchService } from "@/lib/login/launch";

export const dynamic = "force-dynamic";

// OWASP: a secret in a URL must not leak through the Referer header or any cache.
const TOKEN_SAFE_HEADERS = { "referrer-policy": "no-referrer", "cache-control": "no-store" };

export async function GET(request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await context.params;
  const session = await auth();
  if (!session?.user?.id) {
    const signIn = new URL("/sign-in", request.url);
    signIn.searchParams.set("callbackUrl", `/launch/${encodeURIComponent(id)}`);
    return new Response(null, {
      status: 302,
      headers: { location: `${signIn.pathname}${signIn.search}`, ...TOKEN_SAFE_HEADERS },
    });
  }
  const result = await launchService({
    user: { id: session.user.id, partnerId: session.user.partnerId },
    serviceId: id,
  });
  if (result.kind === "redirect") {
    return new Response(null, { status: 302, headers: { location: result.location, ...TOKEN_SAFE_HEADERS } });
  }
  const missing = result.kind === "not_found";
  return new Response(renderUnavailablePage({ serviceName: missing ? null : result.serviceName, missing }), {
    status: missing ? 404 : 403,
    headers: { "content-type": "text/html; charset=utf-8", ...TOKEN_SAFE_HEADERS },
  });
}
