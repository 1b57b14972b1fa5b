"use server";

import { type ActionState, failure, readFields, type SecretsResult, success } from "@/lib/panel/action-state";
import { DASHBOARD_LAYOUT, runPartnerAction } from "@/lib/panel/actions";
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
