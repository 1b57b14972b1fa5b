import { withApiToken } from "@/lib/api/route";
import { enableEndpoint } from "@/lib/webhooks/endpoints";

export const POST = withApiToken<{ id: string }>(async ({ partner, params }) => {
  return Response.json(await enableEndpoint({ partnerId: partner.id, id: params.id }));
});
