"use server";

import { z } from "zod";
import { type ActionState, success } from "@/lib/panel/action-state";
import { panelAction } from "@/lib/panel/actions";
import { reviewPartner } from "@/lib/partners/partners";
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
