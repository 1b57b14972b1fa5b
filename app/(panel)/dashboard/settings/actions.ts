"use server";

import { type ActionState, success } from "@/lib/panel/action-state";
import { panelAction } from "@/lib/panel/actions";
import { updatePartnerSettings } from "@/lib/partners/partners";
import { partnerSettingsSchema } from "@/lib/partners/schemas";

export const saveSettingsAction = panelAction({
  // A pending or declined partner may still correct its own details.
  access: { role: "partner", approved: false, partnerRole: "owner" },
  schema: partnerSettingsSchema,
  labels: { customerId: "Customer ID" },
  revalidate: { path: "/dashboard", type: "layout" },
  run: async ({ partner, input }): Promise<ActionState<null>> => {
    await updatePartnerSettings({ partnerId: partner.id, ...input });
    return { ...success("Settings saved", null), values: input };
  },
});
