"use server";

import { revalidatePath } from "next/cache";
import { AppError } from "@/lib/errors";
import { type ActionState, readFields, success, toFailure } from "@/lib/panel/action-state";
import { requireAdminForAction } from "@/lib/panel/guards";
import { reviewPartner } from "@/lib/partners/partners";
import { setServicePublished } from "@/lib/services/services";

export async function reviewPartnerAction(
  _previous: ActionState<null>,
  formData: FormData,
): Promise<ActionState<null>> {
  const { partnerId, decision } = readFields(formData, ["partnerId", "decision"]);
  try {
    await requireAdminForAction();
    if (decision !== "approved" && decision !== "rejected") throw new AppError("invalid_request", "Unknown decision.");
    await reviewPartner({ partnerId, decision });
    revalidatePath("/admin/partners");
    return success(decision === "approved" ? "Partner approved" : "Partner rejected", null);
  } catch (error) {
    return toFailure(error);
  }
}

export async function setServicePublishedAction(
  _previous: ActionState<null>,
  formData: FormData,
): Promise<ActionState<null>> {
  const { serviceId, published } = readFields(formData, ["serviceId", "published"]);
  try {
    await requireAdminForAction();
    const publish = published === "true";
    await setServicePublished({ id: serviceId, published: publish });
    revalidatePath("/admin/services");
    return success(publish ? "Service published" : "Service unpublished — back to draft", null);
  } catch (error) {
    return toFailure(error);
  }
}
