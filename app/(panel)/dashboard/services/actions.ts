"use server";

import { z } from "zod";
import { type ActionState, type SecretsResult, success } from "@/lib/panel/action-state";
import { DASHBOARD_LAYOUT, panelAction } from "@/lib/panel/actions";
import { createServiceSchema } from "@/lib/services/schemas";
import { createService, rotateServiceSecret, submitService } from "@/lib/services/services";

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
