import { withApiToken } from "@/lib/api/route";
import { listAttempts } from "@/lib/webhooks/deliveries";

export const GET = withApiToken<{ id: string; deliveryId: string }>(async ({ partner, params }) => {
  return Response.json({
    data: await listAttempts({ partnerId: partner.id, endpointId: params.id, deliveryId: params.deliveryId }),
  });
});
