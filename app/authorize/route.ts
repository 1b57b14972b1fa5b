// Service authorization contract for Portico itself: an upstream platform monitors Portico exactly as Portico monitors partner services.
import { withErrors } from "@/lib/api/route";
import { buildPorticoAuthorizeAnswer } from "@/lib/services/authorize";

export const dynamic = "force-dynamic";

export const GET = withErrors(async () => {
  // A cached answer would carry a stale timestamp and fail the ±300 s window.
  return Response.json(buildPorticoAuthorizeAnswer(), { headers: { "Cache-Control": "no-store" } });
});
