import { withApiToken } from "@/lib/api/route";
import { runCheckNow } from "@/lib/services/checks";

export const POST = withApiToken<{ id: string }>(async ({ partner, params }) => {
  return Response.json(await runCheckNow({ partnerId: partner.id, id: params.id }));
});
