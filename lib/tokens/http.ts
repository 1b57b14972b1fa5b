// The one piece of HTTP the token routes share: the contract's response shape for an issued JWT.
export const TOKEN_API_AUTH_CACHE_MS = 5_000;

/** 200 text/plain, body = the JWT (phone token contract: `Response(status=200, content_type='text/plain')`, `Allow: GET`). */
export function jwtResponse(token: string): Response {
  return new Response(token, {
    status: 200,
    headers: { "Content-Type": "text/plain; charset=utf-8", Allow: "GET", "Cache-Control": "no-store" },
  });
}
