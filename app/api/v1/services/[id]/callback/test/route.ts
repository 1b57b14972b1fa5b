import { withApiToken } from "@/lib/api/route";
import { sendTestCallback } from "@/lib/callbacks/certify";

// Always 200 with the outcome inside: the test succeeded in telling you what your endpoint answered.
export const POST = withApiToken<{ id: string }>(async ({ partner, params }) => {
  return Response.json(await sendTestCallback({ partnerId: partner.id, id: params.id }));
});
