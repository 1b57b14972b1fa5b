import { readJson } from "@/lib/api/request";
import { withApiToken } from "@/lib/api/route";
import { createInvitation, createInvitationSchema, listInvitations } from "@/lib/members/invitations";

export const POST = withApiToken(
  async ({ request, partner }) => {
    const input = await readJson(request, createInvitationSchema);
    const invitation = await createInvitation({ partnerId: partner.id, email: input.email, role: input.role });
    return Response.json(invitation, { status: 201 });
  },
  { minimumRole: "owner" },
);

export const GET = withApiToken(
  async ({ partner }) => Response.json({ data: await listInvitations({ partnerId: partner.id }) }),
  { minimumRole: "owner" },
);
