"use server";

import { z } from "zod";
import { regenerateDevelopmentToken, saveCallbackConfig } from "@/lib/callbacks/callback-config";
import { sendTestCallback } from "@/lib/callbacks/certify";
import { callbackSettingsFormInputSchema, type TestCallbackResult } from "@/lib/callbacks/schemas";
import { type ActionState, success } from "@/lib/panel/action-state";
import { panelAction } from "@/lib/panel/actions";

const access = { role: "partner", partnerRole: "developer" } as const;
const idForm = z.object({ id: z.string().min(1, "is required") });
const revalidate = ({ id }: { id: string }) => ({ path: `/dashboard/services/${id}/callback` });

export const saveCallbackSettingsAction = panelAction({
  access,
  schema: z.object({ id: z.string().min(1, "is required"), settings: callbackSettingsFormInputSchema }),
  read: ({ id = "", ...settings }) => ({ id, settings }),
  fieldFor: (path) => String(path[0] === "settings" ? path[1] : path[0]),
  labels: { api_user: "API user", api_password: "API password", cache_ttl_seconds: "Cache time" },
  // The password is never echoed back into the form, even after a failed save.
  secretFields: ["api_password"],
  revalidate,
  run: async ({ partner, input }): Promise<ActionState> => {
    await saveCallbackConfig({ partnerId: partner.id, id: input.id, input: input.settings });
    return success("Callback settings saved", null);
  },
});

export const regenerateDevelopmentTokenAction = panelAction({
  access,
  schema: idForm,
  revalidate,
  run: async ({ partner, input }): Promise<ActionState<{ token: string }>> => {
    const result = await regenerateDevelopmentToken({ partnerId: partner.id, id: input.id });
    return success("New development token generated; the old one no longer works", { token: result.development_token });
  },
});

export const sendTestCallbackAction = panelAction({
  access,
  schema: idForm,
  revalidate,
  run: async ({ partner, input }): Promise<ActionState<TestCallbackResult>> => {
    const result = await sendTestCallback({ partnerId: partner.id, id: input.id });
    return success(result.ok ? "Your endpoint answered 200" : "Your endpoint did not certify the sample", result);
  },
});
