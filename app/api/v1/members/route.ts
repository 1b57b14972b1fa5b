import { withApiToken } from "@/lib/api/route";
import { listMembers } from "@/lib/members/members";

export const GET = withApiToken(async ({ partner }) => {
  return Response.json({ data: await listMembers({ partnerId: partner.id }) });
});
