import { withApiToken } from "@/lib/api/route";
import { rotateEndpointSecret } from "@/lib/webhooks/endpoints";

// The new secret is shown only here; the previous one keeps signing for 24 h.
export const POST = withApiToken<{ id: string }>(async ({ partner, params }) => {
  return Response.json(await rotateEndpointSecret({ partnerId: partner.id, id: params.id }));
});
