"use server";

import { z } from "zod";
import { emailSchema } from "@/lib/auth/schemas";
import { ALERT_KINDS, setAlertPreferences } from "@/lib/mail/alerts";
import { createInvitation, revokeInvitation } from "@/lib/members/invitations";
import { changeMemberRole, removeMember } from "@/lib/members/members";
import { partnerRoleSchema } from "@/lib/members/roles";
import { type ActionState, type SecretsResult, success } from "@/lib/panel/action-state";
import { panelAction } from "@/lib/panel/actions";

const TEAM = { path: "/dashboard/team" };

export interface InvitedResult {
  email: string;
  acceptUrl: string;
}

export const inviteMemberAction = panelAction({
  access: { role: "partner", partnerRole: "owner" },
  schema: z.object({ email: emailSchema, role: partnerRoleSchema }),
  revalidate: TEAM,
  run: async ({ partner, input }): Promise<ActionState<InvitedResult>> => {
    const invitation = await createInvitation({ partnerId: partner.id, email: input.email, role: input.role });
    return success(`Invitation for ${invitation.email} created`, {
      email: invitation.email,
      acceptUrl: invitation.accept_url,
    });
  },
});

export const changeMemberRoleAction = panelAction({
  access: { role: "partner", approved: false, partnerRole: "owner" },
  schema: z.object({ userId: z.string().min(1, "is required"), role: partnerRoleSchema }),
  revalidate: TEAM,
  run: async ({ partner, input }): Promise<ActionState<SecretsResult>> => {
    const member = await changeMemberRole({ partnerId: partner.id, userId: input.userId, role: input.role });
    return success(`${member.email} is now ${member.role}`, null);
  },
});

export const removeMemberAction = panelAction({
  // Removing only reduces access, so it works whatever the partnership's status.
  access: { role: "partner", approved: false, partnerRole: "owner" },
  schema: z.object({ userId: z.string().min(1, "is required") }),
  revalidate: TEAM,
  run: async ({ partner, input }): Promise<ActionState<SecretsResult>> => {
    await removeMember({ partnerId: partner.id, userId: input.userId });
    return success("Member removed; their sessions have ended", null);
  },
});

export const revokeInvitationAction = panelAction({
  access: { role: "partner", approved: false, partnerRole: "owner" },
  schema: z.object({ invitationId: z.string().min(1, "is required") }),
  revalidate: TEAM,
  run: async ({ partner, input }): Promise<ActionState<SecretsResult>> => {
    await revokeInvitation({ partnerId: partner.id, id: input.invitationId });
    return success("Invitation revoked", null);
  },
});

export const saveAlertPreferencesAction = panelAction({
  // Every member chooses their own alerts, viewers included.
  access: { role: "partner", approved: false, partnerRole: "viewer" },
  schema: z.object({ alerts: z.array(z.enum(ALERT_KINDS)) }),
  read: (_values, formData) => ({ alerts: formData.getAll("alerts") }),
  revalidate: { path: "/dashboard/team/alerts" },
  run: async ({ user, input }): Promise<ActionState<null>> => {
    await setAlertPreferences({ userId: user.id, enabled: input.alerts });
    return success("Alert preferences saved", null);
  },
});
