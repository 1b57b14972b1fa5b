import { readOptionalJson } from "@/lib/api/request";
import { withApiToken } from "@/lib/api/route";
import { disableEndpointByPartner } from "@/lib/webhooks/endpoints";
import { disableEndpointSchema } from "@/lib/webhooks/schemas";

export const POST = withApiToken<{ id: string }>(async ({ request, partner, params }) => {
  const { reason } = await readOptionalJson(request, disableEndpointSchema);
  return Response.json(await disableEndpointByPartner({ partnerId: partner.id, id: params.id, reason }));
});
