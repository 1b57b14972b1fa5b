// Security for pages (run by proxy.ts before Next renders): a Content-Security-Policy with a fresh nonce per request
// (Next puts it on its own scripts; the root layout on the theme script), HSTS over https, and a clean 403 for
// server-action posts from another origin (Next would refuse them too, but with a 500).
import { NextResponse } from "next/server";

export const NONCE_HEADER = "x-nonce";

/**
 * Scripts only with this request's nonce (and what they load); no framing; no plugins; forms only to us.
 * The API reference (/docs/api) needs nothing beyond this policy, so no page gets a looser one: its renderer's bundle
 * comes from our origin, added by a nonce'd script ('strict-dynamic'); its injected <style> tags fall under the
 * style-src below; it fetches only /api/openapi.json (connect-src 'self'); its web fonts and telemetry are off.
 */
export function buildContentSecurityPolicy(options: { nonce: string; https: boolean; development: boolean }): string {
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${options.nonce}' 'strict-dynamic'${options.development ? " 'unsafe-eval'" : ""}`,
    // Next and the chart library set inline style attributes; styles cannot run code.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ];
  if (options.https) directives.push("upgrade-insecure-requests");
  return directives.join("; ");
}

/** The origin a server action must come from, as Next decides it: X-Forwarded-Host, else Host. */
function isCrossOriginServerAction(request: Request): boolean {
  if (request.method !== "POST" || !request.headers.has("next-action")) return false;
  const origin = request.headers.get("origin");
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  if (!origin || !host) return false;
  try {
    return new URL(origin).host !== host.split(",")[0]?.trim();
  } catch {
    return true; // an Origin that is not a URL (e.g. "null" from a sandboxed frame) is not ours
  }
}

export function securePageRequest(request: Request): Response {
  if (isCrossOriginServerAction(request)) {
    return Response.json(
      {
        error: "forbidden",
        message: "Forms can only be sent from Portico's own pages. Reload the page and try again.",
      },
      { status: 403 },
    );
  }
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const https = new URL(request.url).protocol === "https:" || request.headers.get("x-forwarded-proto") === "https";
  const policy = buildContentSecurityPolicy({ nonce, https, development: process.env.NODE_ENV === "development" });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set(NONCE_HEADER, nonce);
  requestHeaders.set("content-security-policy", policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", policy);
  // Browsers honour HSTS only over https; sent there, it keeps them on https for two years.
  if (https) response.headers.set("Strict-Transport-Security", "max-age=63072000; includeSubDomains");
  return response;
}
