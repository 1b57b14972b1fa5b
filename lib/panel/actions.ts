// The frame every partner server action shares: session check, the action's own work, cache revalidation and the
// mapping of anything thrown to an error state. Actions keep only their parsing, domain call and messages.
import { revalidatePath } from "next/cache";
import { type ActionState, type FormValues, toFailure } from "@/lib/panel/action-state";
import { type PanelPartner, requirePartnerForAction } from "@/lib/panel/guards";

/** What `revalidatePath` refreshes after a successful action. */
export interface RevalidateTarget {
  path: string;
  type?: "layout" | "page";
}

/** Partner counts, statuses and lists show throughout the dashboard, so most changes refresh all of it. */
export const DASHBOARD_LAYOUT: RevalidateTarget = { path: "/dashboard", type: "layout" };

/**
 * Runs `perform` for the session's partner. Only a success revalidates: an early `failure(…)` changed nothing.
 * `echo` is what a failed form shows again (never secrets); Next's redirect/notFound signals pass through.
 */
export async function runPartnerAction<T>({
  approved = true,
  echo,
  revalidate,
  perform,
}: {
  /** Changes need an approved partnership, as the API does; actions that only reduce access pass false. */
  approved?: boolean;
  echo?: FormValues;
  revalidate: RevalidateTarget;
  perform: (partner: PanelPartner) => Promise<ActionState<T>>;
}): Promise<ActionState<T>> {
  try {
    const { partner } = await requirePartnerForAction({ approved });
    const state = await perform(partner);
    if (state.status === "success") revalidatePath(revalidate.path, revalidate.type);
    return state;
  } catch (error) {
    return toFailure(error, echo);
  }
}
