import { withApiToken } from "@/lib/api/route";
import { listCallbackLogs } from "@/lib/callbacks/logs";
import { listCallbackLogsQuerySchema } from "@/lib/callbacks/schemas";

export const GET = withApiToken<{ id: string }>(async ({ request, partner, params }) => {
  const query = listCallbackLogsQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  return Response.json(await listCallbackLogs({ partnerId: partner.id, id: params.id, limit: query.limit }));
});
