"use server";

import { z } from "zod";
import { grantEntitlement, revokeEntitlement } from "@/lib/login/entitlements";
import { grantEntitlementSchema } from "@/lib/login/schemas";
import { type ActionState, success } from "@/lib/panel/action-state";
import { panelAction } from "@/lib/panel/actions";
import { endOfDayInTimeZone } from "@/lib/panel/dates";

/** A date input: access lasts until the end of that day (UTC, the admin pages' zone); empty means no expiry. */
const grantForm = z
  .object({
    email: z.string(),
    serviceId: z.string(),
    expiresOn: z
      .string()
      .trim()
      .refine((value) => !value || endOfDayInTimeZone(value, "UTC") !== null, "must be a valid date"),
  })
  .transform(({ expiresOn, ...rest }): unknown => ({
    ...rest,
    expiresAt: expiresOn ? endOfDayInTimeZone(expiresOn, "UTC") : null,
  }))
  .pipe(grantEntitlementSchema);

export const grantEntitlementAction = panelAction({
  access: { role: "admin" },
  schema: grantForm,
  fieldFor: (path) => (path[0] === "expiresAt" ? "expiresOn" : String(path[0])),
  labels: { serviceId: "Service", expiresOn: "Expiry date" },
  revalidate: { path: "/admin/entitlements" },
  run: async ({ user, input }): Promise<ActionState<null>> => {
    await grantEntitlement({ ...input, grantedById: user.id });
    return success(`Access granted to ${input.email}`, null);
  },
});

export const revokeEntitlementAction = panelAction({
  access: { role: "admin" },
  schema: z.object({ entitlementId: z.string().min(1, "is required") }),
  revalidate: { path: "/admin/entitlements" },
  run: async ({ input }): Promise<ActionState<null>> => {
    await revokeEntitlement({ id: input.entitlementId });
    return success("Access revoked", null);
  },
});
