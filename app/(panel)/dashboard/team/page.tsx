import type { Metadata } from "next";
import Link from "next/link";
import { ConfirmAction } from "@/components/confirm-action";
import { Badge } from "@/components/ui/badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Table, Td } from "@/components/ui/data-table";
import { SelectField } from "@/components/ui/field";
import { PageHeader } from "@/components/ui/page-header";
import { listInvitations } from "@/lib/members/invitations";
import { listMembers } from "@/lib/members/members";
import { describeRole, PARTNER_ROLES } from "@/lib/members/roles";
import { formatDateTime } from "@/lib/panel/dates";
import { requirePage } from "@/lib/panel/guards";
import { changeMemberRoleAction, removeMemberAction, revokeInvitationAction } from "./actions";
import { InviteForm } from "./invite-form";

export const metadata: Metadata = { title: "Team" };

export default async function TeamPage() {
  const { partner, user, memberRole } = await requirePage({
    access: { role: "partner" },
    callbackPath: "/dashboard/team",
  });
  const owner = memberRole === "owner";
  const tz = partner.timeZone;
  const [members, invitations] = await Promise.all([
    listMembers({ partnerId: partner.id }),
    owner ? listInvitations({ partnerId: partner.id, pendingOnly: true }) : Promise.resolve([]),
  ]);

  return (
    <>
      <PageHeader
        title="Team"
        description={
          <>
            Everyone in {partner.name}, and what they may do. A person belongs to one partner. You are{" "}
            <strong data-testid="my-role">{memberRole}</strong>.{" "}
            <Link className="underline" href="/dashboard/team/alerts">
              Choose your e-mail alerts
            </Link>
            .
          </>
        }
      />
      <Card className="mb-6">
        <CardHeader title="Roles" />
        <CardBody>
          <ul className="list-disc pl-5 text-sm text-zinc-600 dark:text-zinc-400">
            {[...PARTNER_ROLES].reverse().map((role) => (
              <li key={role}>{describeRole(role)}</li>
            ))}
          </ul>
        </CardBody>
      </Card>
      {owner ? (
        <Card className="mb-6">
          <CardHeader title="Invite someone" />
          <CardBody>
            <InviteForm disabled={partner.status !== "approved"} />
          </CardBody>
        </Card>
      ) : null}
      <Card className="mb-6">
        <Table label="Members" head={["Name", "E-mail", "Role", "Joined", ""]}>
          {members.map((member) => (
            <tr key={member.user_id} data-testid={`member-row-${member.email}`}>
              <Td className="font-medium">{member.name ?? "—"}</Td>
              <Td className="break-all">{member.email}</Td>
              <Td>
                <Badge tone={member.role === "owner" ? "indigo" : "zinc"}>{member.role}</Badge>
              </Td>
              <Td className="whitespace-nowrap text-zinc-600 dark:text-zinc-400">
                {member.joined_at ? formatDateTime(new Date(member.joined_at), tz) : "—"}
              </Td>
              <Td>
                {owner ? (
                  <div className="flex justify-end gap-2">
                    <ConfirmAction
                      action={changeMemberRoleAction}
                      fields={{ userId: member.user_id }}
                      triggerLabel="Change role"
                      title={`Change the role of ${member.email}?`}
                      description="The new role applies to their very next request."
                      confirmLabel="Change role"
                    >
                      <SelectField label="Role" name="role" id={`role-${member.user_id}`} defaultValue={member.role}>
                        {PARTNER_ROLES.map((role) => (
                          <option key={role} value={role}>
                            {role}
                          </option>
                        ))}
                      </SelectField>
                    </ConfirmAction>
                    <ConfirmAction
                      action={removeMemberAction}
                      fields={{ userId: member.user_id }}
                      triggerLabel={member.user_id === user.id ? "Leave" : "Remove"}
                      triggerVariant="ghost"
                      title={`Remove ${member.email} from ${partner.name}?`}
                      description="Their account stays, but they lose access at once and their browser sessions end. The last owner cannot be removed."
                      confirmLabel="Remove member"
                      confirmVariant="danger"
                    />
                  </div>
                ) : null}
              </Td>
            </tr>
          ))}
        </Table>
      </Card>
      {owner ? (
        <Card>
          <CardHeader title="Pending invitations" />
          {invitations.length === 0 ? (
            <CardBody>
              <p className="text-sm text-zinc-600 dark:text-zinc-400">No pending invitations.</p>
            </CardBody>
          ) : (
            <Table label="Pending invitations" head={["E-mail", "Role", "Expires", ""]}>
              {invitations.map((invitation) => (
                <tr key={invitation.id} data-testid={`invitation-row-${invitation.email}`}>
                  <Td className="break-all">{invitation.email}</Td>
                  <Td>{invitation.role}</Td>
                  <Td className="whitespace-nowrap text-zinc-600 dark:text-zinc-400">
                    {formatDateTime(new Date(invitation.expires_at), tz)}
                  </Td>
                  <Td>
                    <div className="flex justify-end">
                      <ConfirmAction
                        action={revokeInvitationAction}
                        fields={{ invitationId: invitation.id }}
                        triggerLabel="Revoke"
                        triggerVariant="ghost"
                        title={`Revoke the invitation for ${invitation.email}?`}
                        description="The link stops working at once. You can invite them again later."
                        confirmLabel="Revoke invitation"
                        confirmVariant="danger"
                      />
                    </div>
                  </Td>
                </tr>
              ))}
            </Table>
          )}
        </Card>
      ) : null}
    </>
  );
}
