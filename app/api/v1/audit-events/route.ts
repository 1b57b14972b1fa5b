import { withApiToken } from "@/lib/api/route";
import { listAuditEvents, listAuditEventsQuerySchema, toAuditEventOutput } from "@/lib/audit/audit";

export const GET = withApiToken(async ({ request, partner }) => {
  const query = listAuditEventsQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const page = await listAuditEvents({ partnerId: partner.id, ...query });
  return Response.json({ data: page.rows.map(toAuditEventOutput), next_cursor: page.nextCursor });
});
