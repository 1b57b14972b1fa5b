// Who is acting in the current request. The entry wrappers (API route, server action, sign-in) set it once, so
// domain functions record audit rows without taking a Request or an actor argument through every call.
import { AsyncLocalStorage } from "node:async_hooks";
import type { PartnerRole } from "@/lib/members/roles";

export type AuditActor =
  | { type: "user"; id: string; email?: string | null }
  | { type: "api_token"; id: string }
  | { type: "system"; id: string };

export interface AuditContext {
  actor: AuditActor;
  ip: string | null;
  /** The actor's role inside its partner; absent for system work and admins. Caps what it may grant. */
  role?: PartnerRole;
}

const SYSTEM: AuditContext = { actor: { type: "system", id: "portico" }, ip: null };

const storage = new AsyncLocalStorage<AuditContext>();

export function runAsActor<T>(context: AuditContext, work: () => T): T {
  return storage.run(context, work);
}

/** The current request's actor; background work and scripts act as `system`. */
export function getAuditContext(): AuditContext {
  return storage.getStore() ?? SYSTEM;
}
