import { withApiToken } from "@/lib/api/route";
import { getServiceOrThrow, toServiceOutput } from "@/lib/services/services";

export const GET = withApiToken<{ id: string }>(async ({ partner, params }) => {
  return Response.json(toServiceOutput(await getServiceOrThrow({ partnerId: partner.id, id: params.id })));
});
