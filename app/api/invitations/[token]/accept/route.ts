// No bearer: the invitation token in the path is the credential (single use, 7 days).
import { readJson } from "@/lib/api/request";
import { withErrors } from "@/lib/api/route";
import { acceptInvitationAsNewUser, acceptInvitationSchema } from "@/lib/members/invitations";

export const POST = withErrors<{ token: string }>(async (request, params) => {
  const input = await readJson(request, acceptInvitationSchema);
  const accepted = await acceptInvitationAsNewUser({ token: params.token, ...input });
  return Response.json(accepted, { status: 201 });
});
