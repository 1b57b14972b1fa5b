"use server";

import { createApiToken, revokeApiToken, rollApiToken } from "@/lib/auth/api-tokens";
import { type ActionState, failure, readFields, type SecretsResult, success } from "@/lib/panel/action-state";
import { DASHBOARD_LAYOUT, runPartnerAction } from "@/lib/panel/actions";
import { endOfDayInTimeZone } from "@/lib/panel/dates";
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
  return runPartnerAction({
    echo: values,
    revalidate: DASHBOARD_LAYOUT,
    perform: async (partner) => {
      const input = createTokenFormSchema.parse(values);
      let expiresAt: Date | null = null;
      if (input.expiresOn) {
        expiresAt = endOfDayInTimeZone(input.expiresOn, partner.timeZone);
        if (!expiresAt) return failure("Check the highlighted fields.", { expiresOn: "Must be a valid date" }, values);
        if (expiresAt <= new Date()) {
          return failure("Check the highlighted fields.", { expiresOn: "Must be today or later" }, values);
        }
      }
      const created = await createApiToken({ partnerId: partner.id, name: input.name, expiresAt, announce: true });
      return success(`API token “${created.name}” created`, { name: created.name, token: created.token });
    },
  });
}

export async function revokeTokenAction(
  _previous: ActionState<SecretsResult>,
  formData: FormData,
): Promise<ActionState<SecretsResult>> {
  const { tokenId } = readFields(formData, ["tokenId"]);
  return runPartnerAction({
    // Revoking stays possible whatever the partnership's status: it only ever reduces access.
    approved: false,
    revalidate: DASHBOARD_LAYOUT,
    perform: async (partner) => {
      await revokeApiToken({ partnerId: partner.id, tokenId });
      return success("API token revoked", null);
    },
  });
}

export async function rollTokenAction(
  _previous: ActionState<SecretsResult>,
  formData: FormData,
): Promise<ActionState<SecretsResult>> {
  return runPartnerAction({
    revalidate: DASHBOARD_LAYOUT,
    perform: async (partner) => {
      const input = rollTokenFormSchema.parse(readFields(formData, ["tokenId", "window"]));
      const replacement = await rollApiToken({
        partnerId: partner.id,
        tokenId: input.tokenId,
        oldExpiresAt: new Date(Date.now() + ROLL_WINDOWS[input.window]),
      });
      return success("API token rolled", {
        secrets: [{ label: "New API token", value: replacement.token, testId: "rolled-token" }],
      });
    },
  });
}
