// Roles inside a partner, and the one rule that decides whether a role may do something.
import { z } from "zod";

/** Weakest first: each role may do everything the ones before it may. */
export const PARTNER_ROLES = ["viewer", "developer", "owner"] as const;
export type PartnerRole = (typeof PARTNER_ROLES)[number];

export const partnerRoleSchema = z.enum(PARTNER_ROLES);

/**
 * The single role check of the whole app (API route wrapper, page guard, server-action wrapper):
 * owner ⊇ developer (services, tokens, webhooks, callbacks) ⊇ viewer (reads only).
 */
export function hasPartnerRole(role: string | null | undefined, minimum: PartnerRole): boolean {
  const rank = PARTNER_ROLES.indexOf(role as PartnerRole);
  return rank >= 0 && rank >= PARTNER_ROLES.indexOf(minimum);
}

/** What the management API asks of a token by default: reading is for every role, deleting is the owner's. */
export function minimumRoleForMethod(method: string): PartnerRole {
  const upper = method.toUpperCase();
  if (upper === "GET" || upper === "HEAD" || upper === "OPTIONS") return "viewer";
  if (upper === "DELETE") return "owner";
  return "developer";
}

export function describeRole(role: PartnerRole): string {
  if (role === "owner") return "Owner — everything, including members, the signing key and deleting things";
  if (role === "developer") return "Developer — services, API tokens, webhooks and callbacks";
  return "Viewer — reads only";
}

export function roleRefusal(minimum: PartnerRole): string {
  return minimum === "owner"
    ? "Only an owner of this partner may do this. Ask an owner to do it or to change your role."
    : "Your role in this partner only allows reading. Ask an owner for the developer role.";
}
