import { withApiToken } from "@/lib/api/route";
import { regenerateDevelopmentToken } from "@/lib/callbacks/callback-config";

export const POST = withApiToken<{ id: string }>(async ({ partner, params }) => {
  const result = await regenerateDevelopmentToken({ partnerId: partner.id, id: params.id });
  return Response.json(result, { headers: { "Cache-Control": "no-store" } });
});
