// Members of a partner. A user belongs to at most one partner. Every change locks the partner row first, so two
// concurrent changes cannot both pass the last-owner rule.
import { z } from "zod";
import { recordAudit } from "@/lib/audit/audit";
import { getDb, type Prisma } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { type PartnerRole, partnerRoleSchema } from "./roles";

export const memberSchema = z
  .object({
    user_id: z.string(),
    email: z.string(),
    name: z.string().nullable(),
    role: partnerRoleSchema,
    joined_at: z.string().nullable(),
  })
  .meta({ id: "Member", description: "A person in your partner company." });

export const memberListSchema = z.object({ data: z.array(memberSchema) }).meta({ id: "MemberList" });
export const updateMemberSchema = z.object({ role: partnerRoleSchema }).meta({ id: "UpdateMemberRequest" });

export type MemberOutput = z.infer<typeof memberSchema>;

const memberSelect = { id: true, email: true, name: true, partnerRole: true, joinedPartnerAt: true } as const;

function toMemberOutput(row: {
  id: string;
  email: string;
  name: string | null;
  partnerRole: string | null;
  joinedPartnerAt: Date | null;
}): MemberOutput {
  return {
    user_id: row.id,
    email: row.email,
    name: row.name,
    role: partnerRoleSchema.parse(row.partnerRole),
    joined_at: row.joinedPartnerAt?.toISOString() ?? null,
  };
}

/** A user's partner and role, read fresh (a role change or removal takes effect on the next request). */
export async function getMembership(userId: string): Promise<{ partnerId: string; role: PartnerRole } | null> {
  const row = await getDb().user.findUnique({ where: { id: userId }, select: { partnerId: true, partnerRole: true } });
  const role = partnerRoleSchema.safeParse(row?.partnerRole);
  return row?.partnerId && role.success ? { partnerId: row.partnerId, role: role.data } : null;
}

export async function listMembers(options: { partnerId: string }): Promise<MemberOutput[]> {
  const rows = await getDb().user.findMany({
    where: { partnerId: options.partnerId, partnerRole: { not: null } },
    orderBy: [{ joinedPartnerAt: "asc" }, { id: "asc" }],
    select: memberSelect,
  });
  return rows.map(toMemberOutput);
}

type Tx = Prisma.TransactionClient;

/** Serialises member changes of one partner (a row lock on PostgreSQL; SQLite has one writer anyway). */
async function lockPartner(tx: Tx, partnerId: string): Promise<void> {
  const locked = await tx.partner.updateMany({ where: { id: partnerId }, data: { updatedAt: new Date() } });
  if (locked.count !== 1) throw new AppError("not_found", "Partner not found.");
}

async function findMemberOrThrow(tx: Tx, options: { partnerId: string; userId: string }) {
  const member = await tx.user.findFirst({
    where: { id: options.userId, partnerId: options.partnerId, partnerRole: { not: null } },
    select: memberSelect,
  });
  if (!member) throw new AppError("not_found", `No member with id ${options.userId}.`);
  return member;
}

async function assertAnotherOwner(tx: Tx, options: { partnerId: string; userId: string; doing: string }) {
  const owners = await tx.user.count({
    where: { partnerId: options.partnerId, partnerRole: "owner", id: { not: options.userId } },
  });
  if (owners === 0) {
    throw new AppError(
      "conflict",
      `This is the last owner, so they cannot be ${options.doing}. Make another member an owner first.`,
    );
  }
}

export async function changeMemberRole(options: {
  partnerId: string;
  userId: string;
  role: PartnerRole;
}): Promise<MemberOutput> {
  return getDb().$transaction(async (tx) => {
    await lockPartner(tx, options.partnerId);
    const member = await findMemberOrThrow(tx, options);
    if (member.partnerRole === options.role) return toMemberOutput(member);
    if (member.partnerRole === "owner") await assertAnotherOwner(tx, { ...options, doing: "demoted" });
    const updated = await tx.user.update({
      where: { id: member.id },
      data: { partnerRole: options.role },
      select: memberSelect,
    });
    await recordAudit(tx, {
      partnerId: options.partnerId,
      action: "member.role_changed",
      target: { type: "user", id: member.id },
      data: { before: { role: member.partnerRole }, after: { role: options.role }, email: member.email },
    });
    return toMemberOutput(updated);
  });
}

/** Removes a member from the partner (the account stays) and ends their browser sessions at once. */
export async function removeMember(options: { partnerId: string; userId: string }): Promise<void> {
  await getDb().$transaction(async (tx) => {
    await lockPartner(tx, options.partnerId);
    const member = await findMemberOrThrow(tx, options);
    if (member.partnerRole === "owner") await assertAnotherOwner(tx, { ...options, doing: "removed" });
    await tx.user.update({
      where: { id: member.id },
      data: { partnerId: null, partnerRole: null, joinedPartnerAt: null },
    });
    await recordAudit(tx, {
      partnerId: options.partnerId,
      action: "member.removed",
      target: { type: "user", id: member.id },
      data: { before: { role: member.partnerRole }, email: member.email },
    });
  });
}
