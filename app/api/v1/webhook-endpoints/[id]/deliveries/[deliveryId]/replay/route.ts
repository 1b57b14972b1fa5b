import { withApiToken } from "@/lib/api/route";
import { replayDelivery } from "@/lib/webhooks/deliveries";

export const POST = withApiToken<{ id: string; deliveryId: string }>(async ({ partner, params }) => {
  const delivery = await replayDelivery({
    partnerId: partner.id,
    endpointId: params.id,
    deliveryId: params.deliveryId,
  });
  return Response.json(delivery, { status: 202 });
});
