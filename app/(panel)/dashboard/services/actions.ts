"use server";

import { redirect } from "next/navigation";
import { type ActionState, failure, readFields, type SecretsResult, success } from "@/lib/panel/action-state";
import { DASHBOARD_LAYOUT, runPartnerAction } from "@/lib/panel/actions";
import { createServiceSchema, updateServiceSchema } from "@/lib/services/schemas";
import {
  createService,
  deleteService,
  rotateServiceSecret,
  submitService,
  updateService,
} from "@/lib/services/services";

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
  return runPartnerAction({
    echo: values,
    revalidate: DASHBOARD_LAYOUT,
    perform: async (partner) => {
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
      return success(`Service “${service.name}” created`, {
        id: service.id,
        name: service.name,
        serviceId: service.service_id,
        serviceSecret: service.service_secret,
      });
    },
  });
}

export async function submitServiceAction(
  _previous: ActionState<null>,
  formData: FormData,
): Promise<ActionState<null>> {
  const { id } = readFields(formData, ["id"]);
  return runPartnerAction({
    revalidate: DASHBOARD_LAYOUT,
    perform: async (partner) => {
      await submitService({ partnerId: partner.id, id });
      return success("Submitted for review — an admin will publish it", null);
    },
  });
}

export async function rotateServiceSecretAction(
  _previous: ActionState<SecretsResult>,
  formData: FormData,
): Promise<ActionState<SecretsResult>> {
  const { id } = readFields(formData, ["id"]);
  return runPartnerAction({
    revalidate: { path: `/dashboard/services/${id}` },
    perform: async (partner) => {
      const service = await rotateServiceSecret({ partnerId: partner.id, id });
      return success("Service secret rotated", {
        secrets: [{ label: "New service secret", value: service.service_secret, testId: "rotated-service-secret" }],
      });
    },
  });
}

export async function updateServiceAction(
  _previous: ActionState<null>,
  formData: FormData,
): Promise<ActionState<null>> {
  const values = readFields(formData, ["id", "name", "url", "check_interval_seconds"]);
  return runPartnerAction({
    echo: values,
    revalidate: DASHBOARD_LAYOUT,
    perform: async (partner) => {
      const interval = values.check_interval_seconds.trim();
      if (!/^\d+$/.test(interval)) {
        return failure(
          "Check the highlighted fields.",
          { check_interval_seconds: "Must be a whole number of seconds" },
          values,
        );
      }
      const input = updateServiceSchema.parse({
        name: values.name,
        url: values.url,
        check_interval_seconds: Number(interval),
      });
      const service = await updateService({ partnerId: partner.id, id: values.id, input });
      return success(
        service.state === "submitted" && service.review_reason
          ? "Saved — the new URL goes to an admin for review before end users are sent there"
          : "Service saved",
        null,
      );
    },
  });
}

export async function deleteServiceAction(
  _previous: ActionState<SecretsResult>,
  formData: FormData,
): Promise<ActionState<SecretsResult>> {
  const { id } = readFields(formData, ["id"]);
  const state = await runPartnerAction<SecretsResult>({
    revalidate: DASHBOARD_LAYOUT,
    perform: async (partner) => {
      await deleteService({ partnerId: partner.id, id });
      return success("Service deleted", null);
    },
  });
  // Its page no longer exists: back to the list.
  if (state.status === "success") redirect("/dashboard/services?deleted=1");
  return state;
}
