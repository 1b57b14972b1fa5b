// Session guards for pages (redirect) and server actions (throw AppError, mapped to an error state).

import { notFound, redirect } from "next/navigation";
import type { Session } from "next-auth";
import { cache } from "react";
import { auth } from "@/lib/auth/auth";
import type { Role } from "@/lib/auth/schemas";
import { AppError } from "@/lib/errors";
import { getPartnerOrThrow } from "@/lib/partners/partners";

export type PanelUser = Session["user"];
export type PanelPartner = Awaited<ReturnType<typeof getPartnerOrThrow>>;

export function homeForRole(role: Role): string {
  if (role === "admin") return "/admin/partners";
  if (role === "partner") return "/dashboard";
  return "/catalog";
}

/** Only same-origin absolute paths are honoured as post-sign-in destinations. */
export function safeCallbackPath(value: unknown): string | null {
  if (typeof value !== "string") return null;
  if (!value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return null;
  return value;
}

/** The signed-in user, once per request. */
export const getPanelUser = cache(async (): Promise<PanelUser | null> => {
  const session = await auth();
  return session?.user?.id ? session.user : null;
});

const loadPartner = cache((partnerId: string) => getPartnerOrThrow(partnerId));

/** Pages: signed-out visitors go to /sign-in, other roles go to their own home. */
export async function requireRole(role: Role, callbackPath?: string): Promise<PanelUser> {
  const user = await getPanelUser();
  if (!user) redirect(callbackPath ? `/sign-in?callbackUrl=${encodeURIComponent(callbackPath)}` : "/sign-in");
  if (user.role !== role) redirect(homeForRole(user.role));
  return user;
}

/** Pages: the signed-in partner member and their partner company. */
export async function requirePartner(callbackPath?: string): Promise<{ user: PanelUser; partner: PanelPartner }> {
  const user = await requireRole("partner", callbackPath);
  if (!user.partnerId) notFound();
  const partner = await loadPartner(user.partnerId);
  return { user, partner };
}

async function requireRoleForAction(role: Role): Promise<PanelUser> {
  const user = await getPanelUser();
  if (!user) throw new AppError("unauthorized", "Your session has ended. Sign in again.");
  if (user.role !== role) throw new AppError("forbidden", "You are not allowed to do this.");
  return user;
}

/** Server actions: the session's partner, optionally required to be approved. */
export async function requirePartnerForAction(options: { approved: boolean }): Promise<{
  user: PanelUser;
  partner: PanelPartner;
}> {
  const user = await requireRoleForAction("partner");
  if (!user.partnerId) throw new AppError("forbidden", "Your account is not linked to a partner.");
  const partner = await getPartnerOrThrow(user.partnerId);
  if (options.approved && partner.status !== "approved") {
    throw new AppError(
      "partner_pending",
      partner.status === "rejected"
        ? "Your partnership request was declined, so this is not available."
        : "Your partnership is pending approval — you can do this once an admin approves it.",
    );
  }
  return { user, partner };
}

export async function requireAdminForAction(): Promise<PanelUser> {
  return requireRoleForAction("admin");
}
