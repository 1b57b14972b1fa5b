// The panel's one page guard and the access check its action wrapper uses. Both apply decideAccess
// (lib/panel/access.ts): signed out → sign-in (back to the page afterwards); another area's user → their own home;
// for actions, each refusal is an AppError whose message says what to do.
import { notFound, redirect } from "next/navigation";
import type { Session } from "next-auth";
import { cache } from "react";
import { auth } from "@/lib/auth/auth";
import { AppError } from "@/lib/errors";
import { getMembership } from "@/lib/members/members";
import { getPartnerOrThrow } from "@/lib/partners/partners";
import { type Access, type AccessDecision, decideAccess, type PartnerRole } from "./access";

export { homeForRole, safeCallbackPath } from "./access";

export type PanelUser = Session["user"];
export type PanelPartner = Awaited<ReturnType<typeof getPartnerOrThrow>>;

/** Who passed a guard: the user, and for a partner requirement their company and role in it. */
export type Actor<A extends Access> = A extends { role: "partner" }
  ? { user: PanelUser; partner: PanelPartner; memberRole: PartnerRole }
  : A extends { role: "anyone" }
    ? { user: PanelUser | null }
    : { user: PanelUser };

export function signInPath(callbackPath?: string): string {
  return callbackPath ? `/sign-in?callbackUrl=${encodeURIComponent(callbackPath)}` : "/sign-in";
}

/** The signed-in user, once per request. */
export const getPanelUser = cache(async (): Promise<PanelUser | null> => {
  const session = await auth();
  return session?.user?.id ? session.user : null;
});

const loadPartner = cache((partnerId: string) => getPartnerOrThrow(partnerId));

/**
 * The member's role inside their partner company, read fresh on every request: a role change applies at once, and a
 * member removed from the partner (null) is treated as signed out, whatever their cookie still says.
 */
export async function getMemberRole(member: { userId: string; partnerId: string }): Promise<PartnerRole | null> {
  const membership = await getMembership(member.userId);
  return membership?.partnerId === member.partnerId ? membership.role : null;
}

async function checkAccess<A extends Access>(access: A): Promise<{ decision: AccessDecision; actor: Actor<A> | null }> {
  const user = await getPanelUser();
  if (access.role === "partner" && user?.role === "partner" && user.partnerId) {
    const partner = await loadPartner(user.partnerId);
    const memberRole = await getMemberRole({ userId: user.id, partnerId: partner.id });
    if (!memberRole) return { decision: { outcome: "signed_out" }, actor: null };
    const decision = decideAccess({ access, user, partner, memberRole });
    return { decision, actor: { user, partner, memberRole } as Actor<A> };
  }
  const actor = user || access.role === "anyone" ? ({ user } as Actor<A>) : null;
  return { decision: decideAccess({ access, user }), actor };
}

/**
 * Pages (and panel routes a browser opens): the actor, or a redirect. Signed out → /sign-in?callbackUrl=<page>;
 * another area's user → their home; a refused partner member → the dashboard, whose banner says why.
 */
export async function requirePage<A extends Access>(options: { access: A; callbackPath: string }): Promise<Actor<A>> {
  const { decision, actor } = await checkAccess(options.access);
  if (decision.outcome === "allowed" && actor) return actor;
  if (decision.outcome === "signed_out") redirect(signInPath(options.callbackPath));
  if (decision.outcome === "wrong_area") redirect(decision.home);
  if (decision.outcome === "no_partner") notFound();
  redirect("/dashboard");
}

/** Server actions: the actor, or an AppError the action wrapper turns into an error state. */
export async function requireActionAccess<A extends Access>(access: A): Promise<Actor<A>> {
  const { decision, actor } = await checkAccess(access);
  if (decision.outcome === "allowed" && actor) return actor;
  switch (decision.outcome) {
    case "signed_out":
      throw new AppError("unauthorized", "Your session has ended. Sign in again.");
    case "wrong_area":
      throw new AppError("forbidden", "Your account cannot do this here. Open it from your own home page.");
    case "no_partner":
      throw new AppError("forbidden", "Your account is not linked to a partner. Contact Portico to fix it.");
    case "not_approved":
      throw new AppError("partner_pending", decision.message);
    case "role_too_weak":
      throw new AppError("forbidden", decision.message);
    default:
      throw new AppError("unauthorized", "Your session has ended. Sign in again.");
  }
}
