import { withApiToken } from "@/lib/api/route";
import { revokeInvitation } from "@/lib/members/invitations";

export const DELETE = withApiToken<{ id: string }>(
  async ({ partner, params }) => {
    await revokeInvitation({ partnerId: partner.id, id: params.id });
    return new Response(null, { status: 204 });
  },
  { minimumRole: "owner" },
);
