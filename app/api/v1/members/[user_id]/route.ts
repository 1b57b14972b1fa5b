import { readJson } from "@/lib/api/request";
import { withApiToken } from "@/lib/api/route";
import { changeMemberRole, removeMember, updateMemberSchema } from "@/lib/members/members";

export const PATCH = withApiToken<{ user_id: string }>(
  async ({ request, partner, params }) => {
    const input = await readJson(request, updateMemberSchema);
    return Response.json(await changeMemberRole({ partnerId: partner.id, userId: params.user_id, role: input.role }));
  },
  { minimumRole: "owner" },
);

export const DELETE = withApiToken<{ user_id: string }>(
  async ({ partner, params }) => {
    await removeMember({ partnerId: partner.id, userId: params.user_id });
    return new Response(null, { status: 204 });
  },
  { minimumRole: "owner" },
);
