"use server";

import { z } from "zod";
import { type ActionState, type SecretsResult, success } from "@/lib/panel/action-state";
import { panelAction } from "@/lib/panel/actions";
import { reviewPartner, updatePartnerQuotas } from "@/lib/partners/partners";
import { partnerQuotasSchema, reviewReasonSchema } from "@/lib/partners/schemas";
import { setServicePublished } from "@/lib/services/services";

export const reviewPartnerAction = panelAction({
  access: { role: "admin" },
  schema: z.object({
    partnerId: z.string().min(1, "is required"),
    decision: z.enum(["approved", "rejected"], "must be approve or reject"),
    /** Sent to the partner's members with a rejection. */
    reason: z.string().trim().max(500).optional(),
  }),
  revalidate: { path: "/admin/partners" },
  run: async ({ input }): Promise<ActionState<null>> => {
    await reviewPartner(input);
    return success(input.decision === "approved" ? "Partner approved" : "Partner rejected", null);
  },
});

export const setServicePublishedAction = panelAction({
  access: { role: "admin" },
  schema: z.object({ serviceId: z.string().min(1, "is required"), published: z.string() }),
  revalidate: { path: "/admin/services" },
  run: async ({ input }): Promise<ActionState<null>> => {
    const publish = input.published === "true";
    await setServicePublished({ id: input.serviceId, published: publish });
    return success(publish ? "Service published" : "Service unpublished — back to draft", null);
  },
});

/** Rejection needs a reason: the partner sees it on their dashboard. */
export const rejectPartnerAction = panelAction({
  access: { role: "admin" },
  schema: z.object({ partnerId: z.string().min(1, "is required"), reason: reviewReasonSchema }),
  revalidate: { path: "/admin/partners" },
  run: async ({ input }): Promise<ActionState<SecretsResult>> => {
    await reviewPartner({ partnerId: input.partnerId, decision: "rejected", reason: input.reason });
    return success("Partner rejected", null);
  },
});

/** Unpublishing needs a reason: the partner sees it on the service's page. */
export const unpublishServiceAction = panelAction({
  access: { role: "admin" },
  schema: z.object({ serviceId: z.string().min(1, "is required"), reason: reviewReasonSchema }),
  revalidate: { path: "/admin/services", type: "layout" },
  run: async ({ input }): Promise<ActionState<SecretsResult>> => {
    await setServicePublished({ id: input.serviceId, published: false, reason: input.reason });
    return success("Service unpublished — back to draft", null);
  },
});

export const updatePartnerQuotasAction = panelAction({
  access: { role: "admin" },
  schema: partnerQuotasSchema.extend({ partnerId: z.string().min(1, "is required") }),
  revalidate: { path: "/admin/partners" },
  run: async ({ input }): Promise<ActionState<SecretsResult>> => {
    const { partnerId, ...quotas } = input;
    await updatePartnerQuotas({ partnerId, quotas });
    return success("Quotas saved", null);
  },
});
