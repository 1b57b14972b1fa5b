"use server";

import { revalidatePath } from "next/cache";
import { createApiToken, revokeApiToken, rollApiToken } from "@/lib/auth/api-tokens";
import {
  type ActionState,
  failure,
  readFields,
  type SecretsResult,
  success,
  toFailure,
} from "@/lib/panel/action-state";
import { endOfDayInTimeZone } from "@/lib/panel/dates";
import { requirePartnerForAction } from "@/lib/panel/guards";
import { createTokenFormSchema, ROLL_WINDOWS, rollTokenFormSchema } from "@/lib/panel/schemas";

export interface CreatedTokenResult {
  name: string;
  token: string;
}

export async function createTokenAction(
  _previous: ActionState<CreatedTokenResult>,
  formData: FormData,
): Promise<ActionState<CreatedTokenResult>> {
  const values = readFields(formData, ["name", "expiresOn"]);
  try {
    const { partner } = await requirePartnerForAction({ approved: true });
    const input = createTokenFormSchema.parse(values);
    let expiresAt: Date | null = null;
    if (input.expiresOn) {
      expiresAt = endOfDayInTimeZone(input.expiresOn, partner.timeZone);
      if (!expiresAt) return failure("Check the highlighted fields.", { expiresOn: "Must be a valid date" }, values);
      if (expiresAt <= new Date()) {
        return failure("Check the highlighted fields.", { expiresOn: "Must be today or later" }, values);
      }
    }
    const created = await createApiToken({ partnerId: partner.id, name: input.name, expiresAt });
    revalidatePath("/dashboard", "layout");
    return success(`API token “${created.name}” created`, { name: created.name, token: created.token });
  } catch (error) {
    return toFailure(error, values);
  }
}

export async function revokeTokenAction(
  _previous: ActionState<SecretsResult>,
  formData: FormData,
): Promise<ActionState<SecretsResult>> {
  const { tokenId } = readFields(formData, ["tokenId"]);
  try {
    // Revoking stays possible whatever the partnership's status: it only ever reduces access.
    const { partner } = await requirePartnerForAction({ approved: false });
    await revokeApiToken({ partnerId: partner.id, tokenId });
    revalidatePath("/dashboard", "layout");
    return success("API token revoked", null);
  } catch (error) {
    return toFailure(error);
  }
}

export async function rollTokenAction(
  _previous: ActionState<SecretsResult>,
  formData: FormData,
): Promise<ActionState<SecretsResult>> {
  try {
    const { partner } = await requirePartnerForAction({ approved: true });
    const input = rollTokenFormSchema.parse(readFields(formData, ["tokenId", "window"]));
    const replacement = await rollApiToken({
      partnerId: partner.id,
      tokenId: input.tokenId,
      oldExpiresAt: new Date(Date.now() + ROLL_WINDOWS[input.window]),
    });
    revalidatePath("/dashboard", "layout");
    return success("API token rolled", {
      secrets: [{ label: "New API token", value: replacement.token, testId: "rolled-token" }],
    });
  } catch (error) {
    return toFailure(error);
  }
}
