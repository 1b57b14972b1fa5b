"use server";
// "Check now" on the monitoring page: the same domain call as POST /api/v1/services/{id}/check, for the session's
// partner only.
import { z } from "zod";
import { type ActionState, success } from "@/lib/panel/action-state";
import { panelAction } from "@/lib/panel/actions";
import { runCheckNow } from "@/lib/services/checks";

export type CheckNowState = ActionState<{ live: boolean }>;

export const checkServiceNowAction = panelAction({
  access: { role: "partner", partnerRole: "developer" },
  schema: z.object({ id: z.string().min(1, "is required").max(64, "is not a service id") }),
  revalidate: ({ id }) => ({ path: `/dashboard/services/${id}/monitoring` }),
  run: async ({ partner, input }): Promise<CheckNowState> => {
    const check = await runCheckNow({ partnerId: partner.id, id: input.id });
    const message = check.error ? `${check.status}: ${check.error}` : `${check.status} (${check.latency_ms} ms)`;
    // A failed check is an outcome, not an error: it is recorded like any other.
    return success(message, { live: check.status === "live" });
  },
});
