// Invitations: a single-use accept link (`/invite/{token}`) whose secret is stored only as its SHA-256 hash, valid
// for 7 days. A new e-mail accepts with a name and password; an existing account signs in and joins. A user belongs
// to one partner, so an account that is already a member elsewhere cannot join.
import { z } from "zod";
import { recordAudit } from "@/lib/audit/audit";
import { getAuditContext, runAsActor } from "@/lib/audit/context";
import { hashPassword } from "@/lib/auth/passwords";
import { emailSchema, newAccountSchema, normaliseEmail } from "@/lib/auth/schemas";
import { getConfig } from "@/lib/config";
import { sha256Hex } from "@/lib/crypto/hash";
import { createId, randomSecret } from "@/lib/crypto/random";
import { getDb, type Prisma } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/errors";
import { AppError } from "@/lib/errors";
import { invitationMail } from "@/lib/mail/messages";
import { queueMail } from "@/lib/mail/outbox";
import { type PartnerRole, partnerRoleSchema } from "./roles";

export const INVITATION_TTL_DAYS = 7;

export const createInvitationSchema = z
  .object({ email: emailSchema, role: partnerRoleSchema })
  .meta({ id: "CreateInvitationRequest" });

export const acceptInvitationSchema = newAccountSchema.meta({ id: "AcceptInvitationRequest" });

export const invitationSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    role: partnerRoleSchema,
    status: z.enum(["pending", "accepted", "revoked", "expired"]),
    created_at: z.string(),
    expires_at: z.string(),
  })
  .meta({ id: "Invitation" });

export const createdInvitationSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    role: partnerRoleSchema,
    expires_at: z.string(),
    accept_url: z.string().meta({
      description: "<origin>/invite/{token}: the last segment is the one-time secret, shown only here (and e-mailed).",
    }),
  })
  .meta({ id: "CreatedInvitation" });

export const invitationListSchema = z.object({ data: z.array(invitationSchema) }).meta({ id: "InvitationList" });
export const acceptedInvitationSchema = z.object({ user_id: z.string() }).meta({ id: "AcceptedInvitation" });

type InvitationRow = {
  id: string;
  email: string;
  role: string;
  createdAt: Date;
  expiresAt: Date;
  acceptedAt: Date | null;
  revokedAt: Date | null;
};

function invitationStatus(row: InvitationRow, now = new Date()): z.infer<typeof invitationSchema>["status"] {
  if (row.acceptedAt) return "accepted";
  if (row.revokedAt) return "revoked";
  return row.expiresAt <= now ? "expired" : "pending";
}

function toInvitationOutput(row: InvitationRow): z.infer<typeof invitationSchema> {
  return {
    id: row.id,
    email: row.email,
    role: partnerRoleSchema.parse(row.role),
    status: invitationStatus(row),
    created_at: row.createdAt.toISOString(),
    expires_at: row.expiresAt.toISOString(),
  };
}

export function buildAcceptUrl(token: string): string {
  return new URL(`/invite/${token}`, getConfig().publicUrl).toString();
}

/** Invites an e-mail with a role; a pending invitation to the same e-mail is replaced. The link is e-mailed. */
export async function createInvitation(options: { partnerId: string; email: string; role: PartnerRole }) {
  const email = normaliseEmail(options.email);
  const token = `inv_${randomSecret(32)}`;
  const now = new Date();
  const expiresAt = new Date(now.getTime() + INVITATION_TTL_DAYS * 86_400_000);
  const { actor } = getAuditContext();
  const row = await getDb().$transaction(async (tx) => {
    const partner = await tx.partner.findUnique({ where: { id: options.partnerId }, select: { name: true } });
    if (!partner) throw new AppError("not_found", "Partner not found.");
    const existing = await tx.user.findUnique({ where: { email }, select: { partnerId: true } });
    if (existing?.partnerId === options.partnerId) {
      throw new AppError("conflict", `${email} is already a member. Change their role on the Team page instead.`);
    }
    await tx.invitation.updateMany({
      where: { partnerId: options.partnerId, email, acceptedAt: null, revokedAt: null },
      data: { revokedAt: now },
    });
    const created = await tx.invitation.create({
      data: {
        id: createId("inv"),
        partnerId: options.partnerId,
        email,
        role: options.role,
        tokenHash: sha256Hex(token),
        invitedById: actor.type === "system" ? null : actor.id,
        createdAt: now,
        expiresAt,
      },
    });
    await recordAudit(tx, {
      partnerId: options.partnerId,
      action: "member.invited",
      target: { type: "invitation", id: created.id },
      data: { after: { email, role: options.role } },
    });
    await queueMail(tx, [
      invitationMail({
        to: email,
        partnerName: partner.name,
        role: options.role,
        acceptUrl: buildAcceptUrl(token),
        expiresAt,
        partnerId: options.partnerId,
      }),
    ]);
    return created;
  });
  return createdInvitationSchema.parse({
    id: row.id,
    email: row.email,
    role: row.role,
    expires_at: row.expiresAt.toISOString(),
    accept_url: buildAcceptUrl(token),
  });
}

export async function listInvitations(options: { partnerId: string; pendingOnly?: boolean }) {
  const rows = await getDb().invitation.findMany({
    where: {
      partnerId: options.partnerId,
      ...(options.pendingOnly ? { acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } } : {}),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 200,
  });
  return rows.map(toInvitationOutput);
}

export async function revokeInvitation(options: { partnerId: string; id: string }): Promise<void> {
  await getDb().$transaction(async (tx) => {
    const result = await tx.invitation.updateMany({
      where: { id: options.id, partnerId: options.partnerId, acceptedAt: null, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    if (result.count !== 1) {
      const exists = await tx.invitation.count({ where: { id: options.id, partnerId: options.partnerId } });
      if (!exists) throw new AppError("not_found", `No invitation with id ${options.id}.`);
      throw new AppError("conflict", "This invitation was already accepted or revoked.");
    }
    await recordAudit(tx, {
      partnerId: options.partnerId,
      action: "member.invitation_revoked",
      target: { type: "invitation", id: options.id },
    });
  });
}

type Tx = Prisma.TransactionClient;

/** The invitation a token names, if it can still be used: unknown → 404; used, revoked or expired → 410. */
async function findUsableInvitation(db: Pick<Tx, "invitation">, token: string) {
  // The hash is looked up by equality on a unique index: no timing signal about other tokens.
  const row = await db.invitation.findUnique({
    where: { tokenHash: sha256Hex(token) },
    include: { partner: { select: { id: true, name: true } } },
  });
  if (!row) throw new AppError("not_found", "This invitation link is not valid. Ask for a new invitation.");
  const status = invitationStatus(row);
  if (status !== "pending") {
    const why = status === "accepted" ? "was already used" : status === "revoked" ? "was revoked" : "has expired";
    throw new AppError("gone", `This invitation ${why}. Ask an owner of the partner for a new one.`);
  }
  return row;
}

/** For the accept page: who invites, with which role, and whether the e-mail already has an account. */
export async function describeInvitation(token: string) {
  const row = await findUsableInvitation(getDb(), token);
  const account = await getDb().user.findUnique({ where: { email: row.email }, select: { id: true } });
  return {
    email: row.email,
    role: partnerRoleSchema.parse(row.role),
    partnerName: row.partner.name,
    expiresAt: row.expiresAt,
    hasAccount: Boolean(account),
  };
}

/** Marks the invitation used (exactly once, even under concurrent accepts) and records the join. */
async function consumeInvitation(tx: Tx, invitation: { id: string; partnerId: string; role: string }, userId: string) {
  const used = await tx.invitation.updateMany({
    where: { id: invitation.id, acceptedAt: null, revokedAt: null },
    data: { acceptedAt: new Date(), acceptedUserId: userId },
  });
  if (used.count !== 1) throw new AppError("gone", "This invitation was already used. Sign in instead.");
  await recordAudit(tx, {
    partnerId: invitation.partnerId,
    action: "member.joined",
    target: { type: "user", id: userId },
    data: { after: { role: invitation.role }, invitation_id: invitation.id },
  });
}

/** `POST /api/invitations/{token}/accept`: a new account for the invited e-mail, member with the invited role. */
export async function acceptInvitationAsNewUser(options: { token: string; name: string; password: string }) {
  const passwordHash = await hashPassword(options.password);
  const userId = createId("usr");
  try {
    await getDb().$transaction(async (tx) => {
      const invitation = await findUsableInvitation(tx, options.token);
      if (await tx.user.findUnique({ where: { email: invitation.email }, select: { id: true } })) {
        throw new AppError(
          "conflict",
          "An account with this e-mail already exists: open the invitation link, sign in and join.",
        );
      }
      await tx.user.create({
        data: {
          id: userId,
          email: invitation.email,
          name: options.name,
          passwordHash,
          role: "partner",
          partnerId: invitation.partnerId,
          partnerRole: invitation.role,
          joinedPartnerAt: new Date(),
        },
      });
      await runAsActor({ actor: { type: "user", id: userId, email: invitation.email }, ip: getAuditContext().ip }, () =>
        consumeInvitation(tx, invitation, userId),
      );
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError("conflict", "An account with this e-mail already exists: sign in and join instead.");
    }
    throw error;
  }
  return { user_id: userId };
}

/** The accept page for a signed-in account: it joins the partner if the invitation was sent to its e-mail. */
export async function acceptInvitationAsUser(options: { token: string; userId: string }) {
  return getDb().$transaction(async (tx) => {
    const invitation = await findUsableInvitation(tx, options.token);
    const user = await tx.user.findUnique({
      where: { id: options.userId },
      select: { id: true, email: true, role: true, partnerId: true },
    });
    if (!user) throw new AppError("unauthorized", "Your session has ended. Sign in again.");
    if (user.email !== invitation.email) {
      throw new AppError(
        "forbidden",
        `This invitation is for ${invitation.email}. Sign out and sign in with that account.`,
      );
    }
    if (user.role === "admin") throw new AppError("conflict", "An admin account cannot join a partner.");
    if (user.partnerId) {
      throw new AppError(
        "conflict",
        user.partnerId === invitation.partnerId
          ? "You are already a member of this partner."
          : "A user belongs to one partner, and you already belong to another. Ask its owner to remove you first.",
      );
    }
    await tx.user.update({
      where: { id: user.id },
      data: {
        role: "partner",
        partnerId: invitation.partnerId,
        partnerRole: invitation.role,
        joinedPartnerAt: new Date(),
      },
    });
    await consumeInvitation(tx, invitation, user.id);
    return { partnerId: invitation.partnerId, role: invitation.role };
  });
}
