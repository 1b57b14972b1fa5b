"use server";

import { revalidatePath } from "next/cache";
import { auth } from "@/lib/auth/auth";
import { regenerateDevelopmentToken, saveCallbackConfig } from "@/lib/callbacks/callback-config";
import { sendTestCallback } from "@/lib/callbacks/certify";
import { parseCallbackSettingsForm, type TestCallbackResult } from "@/lib/callbacks/schemas";
import { AppError } from "@/lib/errors";
import { type ActionState, failure, readFields, success, toFailure } from "@/lib/panel/action-state";
import { getPartnerOrThrow } from "@/lib/partners/partners";

const FORM_FIELDS = ["url", "api_user", "api_password", "mode", "cache_ttl_seconds"] as const;

/** The session's partner; changes need an approved partnership, as API tokens do. */
async function requireApprovedPartnerId(): Promise<string> {
  const session = await auth();
  if (!session?.user?.id) throw new AppError("unauthorized", "Your session has ended. Sign in again.");
  if (session.user.role !== "partner" || !session.user.partnerId)
    throw new AppError("forbidden", "You are not allowed to do this.");
  const partner = await getPartnerOrThrow(session.user.partnerId);
  if (partner.status !== "approved")
    throw new AppError("partner_pending", "You can do this once your partnership is approved.");
  return partner.id;
}

const pagePath = (id: string) => `/dashboard/services/${id}/callback`;

export async function saveCallbackSettingsAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const { id } = readFields(formData, ["id"]);
  const values = readFields(formData, FORM_FIELDS);
  // The password is never echoed back into the form, even after a failed save.
  const echo = { ...values, api_password: "" };
  try {
    const partnerId = await requireApprovedPartnerId();
    const input = parseCallbackSettingsForm(values);
    await saveCallbackConfig({ partnerId, id, input });
    revalidatePath(pagePath(id));
    return success("Callback settings saved", null);
  } catch (error) {
    // Domain rules name their field as "field: message" (e.g. production without a URL).
    const field =
      error instanceof AppError && error.code === "invalid_request" ? /^(\w+): (.+)$/.exec(error.message) : null;
    if (field)
      return failure(
        "Check the highlighted fields.",
        { [field[1]]: field[2][0].toUpperCase() + field[2].slice(1) },
        echo,
      );
    return toFailure(error, echo);
  }
}

export async function regenerateDevelopmentTokenAction(
  _previous: ActionState<{ token: string }>,
  formData: FormData,
): Promise<ActionState<{ token: string }>> {
  const { id } = readFields(formData, ["id"]);
  try {
    const result = await regenerateDevelopmentToken({ partnerId: await requireApprovedPartnerId(), id });
    revalidatePath(pagePath(id));
    return success("New development token generated; the old one no longer works", { token: result.development_token });
  } catch (error) {
    return toFailure(error);
  }
}

export async function sendTestCallbackAction(
  _previous: ActionState<TestCallbackResult>,
  formData: FormData,
): Promise<ActionState<TestCallbackResult>> {
  const { id } = readFields(formData, ["id"]);
  try {
    const result = await sendTestCallback({ partnerId: await requireApprovedPartnerId(), id });
    revalidatePath(pagePath(id));
    return success(result.ok ? "Your endpoint answered 200" : "Your endpoint did not certify the sample", result);
  } catch (error) {
    return toFailure(error);
  }
}
