import { withApiToken } from "@/lib/api/route";
import { listDeliveries } from "@/lib/webhooks/deliveries";
import { listDeliveriesQuerySchema } from "@/lib/webhooks/schemas";

export const GET = withApiToken<{ id: string }>(async ({ request, partner, params }) => {
  const query = listDeliveriesQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  return Response.json(await listDeliveries({ partnerId: partner.id, endpointId: params.id, ...query }));
});
