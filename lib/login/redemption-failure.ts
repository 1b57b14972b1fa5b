// The redemption endpoint's failure shape `{"success": false, "message"}` (the one-time-login contract's, not the
// management API's `{error, message}`). Its own module, free of database imports, so proxy.ts can answer in it too.
const NO_STORE = { "cache-control": "no-store" };

export const REDEMPTION_ROUTE_PREFIX = "/api/authorization/";

export function redemptionFailure(status: number, message: string, headers: Record<string, string> = {}): Response {
  return Response.json({ success: false, message }, { status, headers: { ...NO_STORE, ...headers } });
}
