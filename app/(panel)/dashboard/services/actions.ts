"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { type ActionState, type SecretsResult, success } from "@/lib/panel/action-state";
import { DASHBOARD_LAYOUT, panelAction } from "@/lib/panel/actions";
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

const idForm = z.object({ id: z.string().min(1, "is required") });

/** The API's schema, with the interval as the form sends it: text, empty for the default. */
const createServiceForm = createServiceSchema.extend({
  check_interval_seconds: z
    .string()
    .trim()
    .regex(/^\d*$/, "must be a whole number of seconds")
    .transform((value) => (value ? Number(value) : undefined))
    .pipe(createServiceSchema.shape.check_interval_seconds),
});

export const createServiceAction = panelAction({
  access: { role: "partner", partnerRole: "developer" },
  schema: createServiceForm,
  labels: { check_interval_seconds: "Check interval" },
  revalidate: DASHBOARD_LAYOUT,
  run: async ({ partner, input }): Promise<ActionState<CreatedServiceResult>> => {
    const service = await createService({ partnerId: partner.id, input });
    return success(`Service “${service.name}” created`, {
      id: service.id,
      name: service.name,
      serviceId: service.service_id,
      serviceSecret: service.service_secret,
    });
  },
});

export const submitServiceAction = panelAction({
  access: { role: "partner", partnerRole: "developer" },
  schema: idForm,
  revalidate: DASHBOARD_LAYOUT,
  run: async ({ partner, input }): Promise<ActionState<null>> => {
    await submitService({ partnerId: partner.id, id: input.id });
    return success("Submitted for review — an admin will publish it", null);
  },
});

export const rotateServiceSecretAction = panelAction({
  access: { role: "partner", partnerRole: "developer" },
  schema: idForm,
  revalidate: ({ id }) => ({ path: `/dashboard/services/${id}` }),
  run: async ({ partner, input }): Promise<ActionState<SecretsResult>> => {
    const service = await rotateServiceSecret({ partnerId: partner.id, id: input.id });
    return success("Service secret rotated", {
      secrets: [{ label: "New service secret", value: service.service_secret, testId: "rotated-service-secret" }],
    });
  },
});

/** The API's schema, every field sent (the form shows them all), the interval as text. */
const updateServiceForm = updateServiceSchema.extend({
  id: z.string().min(1, "is required"),
  name: updateServiceSchema.shape.name.unwrap(),
  url: updateServiceSchema.shape.url.unwrap(),
  check_interval_seconds: z
    .string()
    .trim()
    .regex(/^\d+$/, "must be a whole number of seconds")
    .transform(Number)
    .pipe(updateServiceSchema.shape.check_interval_seconds.unwrap()),
});

export const updateServiceAction = panelAction({
  access: { role: "partner", partnerRole: "developer" },
  schema: updateServiceForm,
  labels: { check_interval_seconds: "Check interval" },
  revalidate: DASHBOARD_LAYOUT,
  run: async ({ partner, input }): Promise<ActionState<null>> => {
    const { id, ...changes } = input;
    const service = await updateService({ partnerId: partner.id, id, input: changes });
    return success(
      service.state === "submitted" && service.review_reason
        ? "Saved — the new URL goes to an admin for review before end users are sent there"
        : "Service saved",
      null,
    );
  },
});

const deleteServiceInner = panelAction({
  access: { role: "partner", partnerRole: "owner" },
  schema: idForm,
  revalidate: DASHBOARD_LAYOUT,
  run: async ({ partner, input }): Promise<ActionState<SecretsResult>> => {
    await deleteService({ partnerId: partner.id, id: input.id });
    return success("Service deleted", null);
  },
});

/** Its page no longer exists: a successful delete goes back to the list. */
export async function deleteServiceAction(
  previous: ActionState<SecretsResult>,
  formData: FormData,
): Promise<ActionState<SecretsResult>> {
  const state = await deleteServiceInner(previous, formData);
  if (state.status === "success") redirect("/dashboard/services");
  return state;
}
