import { withApiToken } from "@/lib/api/route";
import { getDeliveryDetail } from "@/lib/webhooks/deliveries";

export const GET = withApiToken<{ id: string; deliveryId: string }>(async ({ partner, params }) => {
  return Response.json(
    await getDeliveryDetail({ partnerId: partner.id, endpointId: params.id, deliveryId: params.deliveryId }),
  );
});
