"use server";

import { revalidatePath } from "next/cache";
import {
  type ActionState,
  failure,
  readFields,
  type SecretsResult,
  success,
  toFailure,
} from "@/lib/panel/action-state";
import { requirePartnerForAction } from "@/lib/panel/guards";
import { createServiceSchema } from "@/lib/services/schemas";
import { createService, rotateServiceSecret, submitService } from "@/lib/services/services";

export interface CreatedServiceResult {
  id: string;
  name: string;
  serviceId: string;
  serviceSecret: string;
}

export async function createServiceAction(
  _previous: ActionState<CreatedServiceResult>,
  formData: FormData,
): Promise<ActionState<CreatedServiceResult>> {
  const values = readFields(formData, ["name", "url", "check_interval_seconds"]);
  try {
    const { partner } = await requirePartnerForAction({ approved: true });
    const interval = values.check_interval_seconds.trim();
    if (interval && !/^\d+$/.test(interval)) {
      return failure(
        "Check the highlighted fields.",
        { check_interval_seconds: "Must be a whole number of seconds" },
        values,
      );
    }
    const input = createServiceSchema.parse({
      name: values.name,
      url: values.url,
      check_interval_seconds: interval ? Number(interval) : undefined,
    });
    const service = await createService({ partnerId: partner.id, input });
    revalidatePath("/dashboard", "layout");
    return success(`Service “${service.name}” created`, {
      id: service.id,
      name: service.name,
      serviceId: service.service_id,
      serviceSecret: service.service_secret,
    });
  } catch (error) {
    return toFailure(error, values);
  }
}

export async function submitServiceAction(
  _previous: ActionState<null>,
  formData: FormData,
): Promise<ActionState<null>> {
  const { id } = readFields(formData, ["id"]);
  try {
    const { partner } = await requirePartnerForAction({ approved: true });
    await submitService({ partnerId: partner.id, id });
    revalidatePath("/dashboard", "layout");
    return success("Submitted for review — an admin will publish it", null);
  } catch (error) {
    return toFailure(error);
  }
}

export async function rotateServiceSecretAction(
  _previous: ActionState<SecretsResult>,
  formData: FormData,
): Promise<ActionState<SecretsResult>> {
  const { id } = readFields(formData, ["id"]);
  try {
    const { partner } = await requirePartnerForAction({ approved: true });
    const service = await rotateServiceSecret({ partnerId: partner.id, id });
    revalidatePath(`/dashboard/services/${id}`);
    return success("Service secret rotated", {
      secrets: [{ label: "New service secret", value: service.service_secret, testId: "rotated-service-secret" }],
    });
  } catch (error) {
    return toFailure(error);
  }
}
