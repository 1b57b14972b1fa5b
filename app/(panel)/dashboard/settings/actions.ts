"use server";

import { revalidatePath } from "next/cache";
import { type ActionState, readFields, success, toFailure } from "@/lib/panel/action-state";
import { requirePartnerForAction } from "@/lib/panel/guards";
import { updatePartnerSettings } from "@/lib/partners/partners";
import { partnerSettingsSchema } from "@/lib/partners/schemas";

export async function saveSettingsAction(_previous: ActionState<null>, formData: FormData): Promise<ActionState<null>> {
  const values = readFields(formData, ["name", "timeZone", "customerId"]);
  try {
    const { partner } = await requirePartnerForAction({ approved: false });
    const input = partnerSettingsSchema.parse(values);
    await updatePartnerSettings({ partnerId: partner.id, ...input });
    revalidatePath("/dashboard", "layout");
    return { ...success("Settings saved", null), values: input };
  } catch (error) {
    return toFailure(error, values);
  }
}
