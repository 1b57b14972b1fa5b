import { withApiToken } from "@/lib/api/route";
import { listChecks, listChecksQuerySchema } from "@/lib/services/checks";

export const GET = withApiToken<{ id: string }>(async ({ request, partner, params }) => {
  const query = listChecksQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  return Response.json(await listChecks({ partnerId: partner.id, id: params.id, ...query }));
});
