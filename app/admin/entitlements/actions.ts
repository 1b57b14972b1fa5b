"use server";

import { revalidatePath } from "next/cache";
import { AppError } from "@/lib/errors";
import { grantEntitlement, revokeEntitlement } from "@/lib/login/entitlements";
import { grantEntitlementSchema } from "@/lib/login/schemas";
import { type ActionState, readFields, success, toFailure } from "@/lib/panel/action-state";
import { endOfDayInTimeZone } from "@/lib/panel/dates";
import { requireAdminForAction } from "@/lib/panel/guards";

export async function grantEntitlementAction(
  _previous: ActionState<null>,
  formData: FormData,
): Promise<ActionState<null>> {
  const values = readFields(formData, ["email", "serviceId", "expiresOn"]);
  try {
    const admin = await requireAdminForAction();
    // A date input: access lasts until the end of that day (UTC, the admin pages' zone).
    const expiresAt = values.expiresOn ? endOfDayInTimeZone(values.expiresOn, "UTC") : null;
    if (values.expiresOn && !expiresAt) throw new AppError("invalid_request", "Enter a valid expiry date.");
    const input = grantEntitlementSchema.parse({ email: values.email, serviceId: values.serviceId, expiresAt });
    await grantEntitlement({ ...input, grantedById: admin.id });
    revalidatePath("/admin/entitlements");
    return success(`Access granted to ${input.email}`, null);
  } catch (error) {
    return toFailure(error, values);
  }
}

export async function revokeEntitlementAction(
  _previous: ActionState<null>,
  formData: FormData,
): Promise<ActionState<null>> {
  const { entitlementId } = readFields(formData, ["entitlementId"]);
  try {
    await requireAdminForAction();
    await revokeEntitlement({ id: entitlementId });
    revalidatePath("/admin/entitlements");
    return success("Access revoked", null);
  } catch (error) {
    return toFailure(error);
  }
}
