// The one wrapper every server action goes through: who may act (lib/panel/access.ts), a zod parse of the form, the
// action's own work, cache revalidation, and the mapping of anything thrown to the form's error state, with field
// errors in one style ("Name is required"). An action keeps only its schema, domain call and messages.
import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import type { z } from "zod";
import { getClientIp } from "@/lib/api/request";
import { type AuditContext, runAsActor } from "@/lib/audit/context";
import { AppError } from "@/lib/errors";
import type { PartnerRole } from "@/lib/members/roles";
import type { Access } from "./access";
import { type ActionState, type FieldLabels, type FormValues, failure, fieldError, toFailure } from "./action-state";
import { type Actor, type PanelUser, requireActionAccess } from "./guards";
import { describeIssue } from "./validation";

export type { Access } from "./access";

/** What `revalidatePath` refreshes after a successful action. */
export interface RevalidateTarget {
  path: string;
  type?: "layout" | "page";
}

/** Partner counts, statuses and lists show throughout the dashboard, so most changes refresh all of it. */
export const DASHBOARD_LAYOUT: RevalidateTarget = { path: "/dashboard", type: "layout" };

export type ServerAction<T> = (previous: ActionState<T>, formData: FormData) => Promise<ActionState<T>>;

export interface PanelActionOptions<A extends Access, S extends z.ZodType, T> {
  /** Who may act; a partner requirement defaults to `approved: true` (changes need an approved partnership). */
  access: A;
  /** Parses the form; its issues become field errors. */
  schema: S;
  /** Builds the schema's input from the form; by default each text field by name. */
  read?: (values: FormValues, formData: FormData) => unknown;
  /** Fields a failed form never shows again (passwords, secrets). */
  secretFields?: readonly string[];
  /** How field errors name a field (default: from its name, e.g. `api_user` → "API user"). */
  labels?: FieldLabels;
  /** Which form field an issue path belongs to (default: its first segment). */
  fieldFor?: (path: readonly PropertyKey[]) => string;
  /** Refreshed after a success only: an early `failure(…)` changed nothing. */
  revalidate?: RevalidateTarget | ((input: z.output<S>) => RevalidateTarget);
  run: (context: Actor<A> & { input: z.output<S> }) => Promise<ActionState<T>>;
}

/** The form's text fields (Next's own `$ACTION_…` fields left out). */
function readTextFields(formData: FormData): FormValues {
  const values: FormValues = {};
  for (const [key, value] of formData) {
    if (typeof value === "string" && !key.startsWith("$ACTION")) values[key] ??= value;
  }
  return values;
}

/** A domain rule that names its field the way the API does ("url: is required") becomes that field's error. */
function domainFieldError(error: unknown, values: FormValues, labels?: FieldLabels) {
  if (!(error instanceof AppError) || error.code !== "invalid_request") return null;
  const match = /^(\w+): (.+)$/.exec(error.message);
  if (!match?.[1] || !match[2] || !(match[1] in values)) return null;
  return { [match[1]]: fieldError(match[1], match[2], labels) };
}

/** Who acts, for the audit log: the signed-in user, their client address and (for members) their role. */
async function describePanelActor(actor: { user?: PanelUser | null; memberRole?: PartnerRole }): Promise<AuditContext> {
  const ip = getClientIp(await headers());
  if (!actor.user) return { actor: { type: "system", id: "anonymous" }, ip };
  return { actor: { type: "user", id: actor.user.id, email: actor.user.email }, ip, role: actor.memberRole };
}

/** A `useActionState` server action: access check → parse → run → revalidate; every failure is an error state. */
export function panelAction<A extends Access, S extends z.ZodType, T>(
  options: PanelActionOptions<A, S, T>,
): ServerAction<T> {
  // Partner actions change things unless they say otherwise: approved partnership and at least a developer.
  const access = (
    options.access.role === "partner" ? { approved: true, partnerRole: "developer", ...options.access } : options.access
  ) as A;
  return async (_previous, formData) => {
    const values = readTextFields(formData);
    const echo = Object.fromEntries(
      Object.entries(values).filter(([key]) => !options.secretFields?.includes(key)),
    ) as FormValues;
    try {
      const actor = await requireActionAccess(access);
      const raw = options.read ? options.read(values, formData) : values;
      const input = options.schema.parse(raw, { error: describeIssue }) as z.output<S>;
      const state = await runAsActor(await describePanelActor(actor), () => options.run({ ...actor, input }));
      if (state.status === "success" && options.revalidate) {
        const target = typeof options.revalidate === "function" ? options.revalidate(input) : options.revalidate;
        revalidatePath(target.path, target.type);
      }
      return state;
    } catch (error) {
      const fieldErrors = domainFieldError(error, values, options.labels);
      if (fieldErrors) return failure("Check the highlighted fields.", fieldErrors, echo);
      return toFailure(error, echo, { labels: options.labels, fieldFor: options.fieldFor });
    }
  };
}
