import { withApiToken } from "@/lib/api/route";
import { sendTestEvent } from "@/lib/webhooks/endpoints";

// 202: the delivery is queued; its outcome appears in the delivery log.
export const POST = withApiToken<{ id: string }>(async ({ partner, params }) => {
  return Response.json(await sendTestEvent({ partnerId: partner.id, id: params.id }), { status: 202 });
});
