"use server";

import { revalidatePath } from "next/cache";
import { AppError } from "@/lib/errors";
import {
  type ActionState,
  failure,
  readFields,
  type SecretsResult,
  success,
  toFailure,
} from "@/lib/panel/action-state";
import { requireAdminForAction } from "@/lib/panel/guards";
import { reviewPartner, updatePartnerQuotas } from "@/lib/partners/partners";
import { partnerQuotasSchema, reviewReasonSchema } from "@/lib/partners/schemas";
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

/** Rejection needs a reason: the partner sees it on their dashboard. */
export async function rejectPartnerAction(
  _previous: ActionState<SecretsResult>,
  formData: FormData,
): Promise<ActionState<SecretsResult>> {
  const { partnerId, reason } = readFields(formData, ["partnerId", "reason"]);
  try {
    await requireAdminForAction();
    const parsed = reviewReasonSchema.safeParse(reason);
    if (!parsed.success) return failure("Give a reason: the partner sees it on their dashboard.");
    await reviewPartner({ partnerId, decision: "rejected", reason: parsed.data });
    revalidatePath("/admin/partners");
    return success("Partner rejected", null);
  } catch (error) {
    return toFailure(error);
  }
}

/** Unpublishing needs a reason: the partner sees it on the service's page. */
export async function unpublishServiceAction(
  _previous: ActionState<SecretsResult>,
  formData: FormData,
): Promise<ActionState<SecretsResult>> {
  const { serviceId, reason } = readFields(formData, ["serviceId", "reason"]);
  try {
    await requireAdminForAction();
    const parsed = reviewReasonSchema.safeParse(reason);
    if (!parsed.success) return failure("Give a reason: the partner sees it on the service's page.");
    await setServicePublished({ id: serviceId, published: false, reason: parsed.data });
    revalidatePath("/admin/services", "layout");
    return success("Service unpublished — back to draft", null);
  } catch (error) {
    return toFailure(error);
  }
}

export async function updatePartnerQuotasAction(
  _previous: ActionState<SecretsResult>,
  formData: FormData,
): Promise<ActionState<SecretsResult>> {
  const values = readFields(formData, ["partnerId", "token_issuance_per_minute", "per_phone_number_per_minute"]);
  try {
    await requireAdminForAction();
    const parsed = partnerQuotasSchema.safeParse(values);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue?.path[0] === "per_phone_number_per_minute" ? "Per phone number" : "Token issuance";
      return failure(`${field} ${issue?.message ?? "is invalid"}.`);
    }
    await updatePartnerQuotas({ partnerId: values.partnerId, quotas: parsed.data });
    revalidatePath("/admin/partners");
    return success("Quotas saved", null);
  } catch (error) {
    return toFailure(error);
  }
}
