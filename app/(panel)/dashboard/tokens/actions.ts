"use server";

import { z } from "zod";
import { createApiToken, revokeApiToken, rollApiToken } from "@/lib/auth/api-tokens";
import { type ActionState, failure, type SecretsResult, success } from "@/lib/panel/action-state";
import { DASHBOARD_LAYOUT, panelAction } from "@/lib/panel/actions";
import { endOfDayInTimeZone } from "@/lib/panel/dates";
import { createTokenFormSchema, ROLL_WINDOWS, rollTokenFormSchema } from "@/lib/panel/schemas";

export interface CreatedTokenResult {
  name: string;
  token: string;
}

export const createTokenAction = panelAction({
  access: { role: "partner", partnerRole: "developer" },
  schema: createTokenFormSchema,
  labels: { expiresOn: "Expiry date" },
  revalidate: DASHBOARD_LAYOUT,
  run: async ({ partner, input }): Promise<ActionState<CreatedTokenResult>> => {
    let expiresAt: Date | null = null;
    if (input.expiresOn) {
      expiresAt = endOfDayInTimeZone(input.expiresOn, partner.timeZone);
      const problem = !expiresAt
        ? "Expiry date must be a valid date"
        : expiresAt <= new Date()
          ? "Expiry date must be today or later"
          : null;
      if (problem) return failure("Check the highlighted fields.", { expiresOn: problem }, input);
    }
    const created = await createApiToken({ partnerId: partner.id, name: input.name, expiresAt, announce: true });
    return success(`API token “${created.name}” created`, { name: created.name, token: created.token });
  },
});

export const revokeTokenAction = panelAction({
  // Revoking stays possible whatever the partnership's status: it only ever reduces access.
  access: { role: "partner", approved: false, partnerRole: "developer" },
  schema: z.object({ tokenId: z.string().min(1, "is required") }),
  revalidate: DASHBOARD_LAYOUT,
  run: async ({ partner, input }): Promise<ActionState<SecretsResult>> => {
    await revokeApiToken({ partnerId: partner.id, tokenId: input.tokenId });
    return success("API token revoked", null);
  },
});

export const rollTokenAction = panelAction({
  access: { role: "partner", partnerRole: "developer" },
  schema: rollTokenFormSchema,
  revalidate: DASHBOARD_LAYOUT,
  run: async ({ partner, input }): Promise<ActionState<SecretsResult>> => {
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
