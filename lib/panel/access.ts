// Who may use a panel page or server action, decided in one place. The page guard and the action wrapper
// (lib/panel/guards.ts, lib/panel/actions.ts) only turn the decision into their own outcome: a redirect, or an error
// state with a message that says what to do.
import type { Role } from "@/lib/auth/schemas";
import { hasPartnerRole, type PartnerRole } from "@/lib/members/roles";
import type { PartnerStatus } from "@/lib/partners/partners";

// Member roles and the one rule ordering them live with the members (the API route wrapper applies them too).
export { hasPartnerRole, PARTNER_ROLES, type PartnerRole } from "@/lib/members/roles";

/** What an entry point requires of the signed-in user. */
export type Access =
  | { role: "anyone" }
  | { role: "signed_in" }
  | { role: "admin" }
  | { role: "end_user" }
  | {
      role: "partner";
      /** Changes need an approved partnership, as the API does; what only reduces access passes false. */
      approved?: boolean;
      /** The weakest member role allowed (see PARTNER_ROLES). */
      partnerRole?: PartnerRole;
    };

export type AccessDecision =
  | { outcome: "allowed" }
  | { outcome: "signed_out" }
  | { outcome: "wrong_area"; home: string }
  | { outcome: "no_partner" }
  | { outcome: "not_approved"; status: Exclude<PartnerStatus, "approved">; message: string }
  | { outcome: "role_too_weak"; required: PartnerRole; message: string };

export function homeForRole(role: Role): string {
  if (role === "admin") return "/admin/partners";
  if (role === "partner") return "/dashboard";
  return "/catalog";
}

const CALLBACK_BASE = "http://portico.invalid";

/**
 * Where sign-in may send a user back to: a path on this site (`/dashboard/x?y`), never another site. Browsers read
 * `\` as `/` and drop tabs and newlines inside URLs, so `/\evil.example` or `/<tab>/evil.example` would mean
 * `//evil.example`: any backslash or control character refuses the value, and what is left must resolve to our
 * origin. Returns the normalised path, or null (the caller then uses the user's home).
 */
export function safeCallbackPath(value: unknown): string | null {
  if (typeof value !== "string" || !value.startsWith("/") || value.length > 2048) return null;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is refused
  if (value.startsWith("//") || /[\\\u0000-\u001f\u007f]/.test(value)) return null;
  if (!URL.canParse(value, CALLBACK_BASE)) return null;
  const url = new URL(value, CALLBACK_BASE);
  if (url.origin !== CALLBACK_BASE) return null;
  return `${url.pathname}${url.search}${url.hash}`;
}

export const NOT_APPROVED_MESSAGES: Record<Exclude<PartnerStatus, "approved">, string> = {
  pending: "Your partnership is pending approval — you can do this once an admin approves it.",
  rejected:
    "Your partnership request was declined, so this is not available. Contact Portico if you think it is a mistake.",
};

/**
 * The decision for one user. `partner` and `memberRole` are only read for a partner requirement (the caller loads
 * them once it knows the user is a partner member).
 */
export function decideAccess(options: {
  access: Access;
  user: { role: Role; partnerId: string | null } | null;
  partner?: { status: string } | null;
  memberRole?: PartnerRole;
}): AccessDecision {
  const { access, user } = options;
  if (access.role === "anyone") return { outcome: "allowed" };
  if (!user) return { outcome: "signed_out" };
  if (access.role === "signed_in") return { outcome: "allowed" };
  if (user.role !== access.role) return { outcome: "wrong_area", home: homeForRole(user.role) };
  if (access.role !== "partner") return { outcome: "allowed" };
  if (!user.partnerId || !options.partner) return { outcome: "no_partner" };
  if (access.approved && options.partner.status !== "approved") {
    const status = options.partner.status === "rejected" ? "rejected" : "pending";
    return { outcome: "not_approved", status, message: NOT_APPROVED_MESSAGES[status] };
  }
  const required = access.partnerRole;
  if (required && !hasPartnerRole(options.memberRole ?? "viewer", required)) {
    return {
      outcome: "role_too_weak",
      required,
      message: `This needs the ${required} role in your partner account; ask an owner to change your role.`,
    };
  }
  return { outcome: "allowed" };
}
