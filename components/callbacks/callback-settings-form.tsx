"use client";

import { useState } from "react";
import { ActionForm, FormTextField, useFormAction } from "@/components/ui/action-form";
import { SelectField } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { type CallbackMode, putCallbackConfigSchema } from "@/lib/callbacks/schemas";
import { inputRules } from "@/lib/panel/validation";
import { DevelopmentModeWarning } from "./development-mode-warning";
import type { FormAction } from "./types";

export interface CallbackSettingsValues {
  url: string;
  api_user: string;
  mode: CallbackMode;
  cache_ttl_seconds: number;
  has_api_password: boolean;
}

export function CallbackSettingsForm({
  serviceId,
  initial,
  action,
  disabled,
  published,
}: {
  serviceId: string;
  initial: CallbackSettingsValues;
  action: FormAction<null>;
  disabled: boolean;
  published: boolean;
}) {
  // Fields remount after each save (see useFormAction), so their defaults reflect what the server now holds.
  const form = useFormAction(action, {
    initial: { url: initial.url, api_user: initial.api_user, cache_ttl_seconds: String(initial.cache_ttl_seconds) },
  });
  const { errors } = form;
  const [mode, setMode] = useState<string>(initial.mode);

  return (
    <ActionForm form={form} data-testid="callback-settings-form">
      <input type="hidden" name="id" value={serviceId} />
      <fieldset disabled={disabled} className="grid gap-4">
        <SelectField
          label="Mode"
          name="mode"
          value={mode}
          onChange={(event) => setMode(event.target.value)}
          error={errors.mode}
          hint={
            mode === "production"
              ? published
                ? "Portico asks your A&A service about every device token."
                : "Production mode certifies only once the service is published; until then devices are refused."
              : "Devices are certified with the development token; your A&A service is not called."
          }
        >
          <option value="development">Development</option>
          <option value="production">Production</option>
        </SelectField>
        {mode === "development" ? <DevelopmentModeWarning /> : null}
        <FormTextField
          label="A&A callback URL"
          name="url"
          type="url"
          {...inputRules(putCallbackConfigSchema, "url")}
          placeholder="https://auth.example.com/certify"
          hint="Portico POSTs {api_user, api_secret, access_token, token_type, user_identifier} here and expects HTTP 200."
        />
        <div className="grid gap-4 sm:grid-cols-2">
          <FormTextField
            label="api_user"
            name="api_user"
            autoComplete="off"
            {...inputRules(putCallbackConfigSchema, "api_user")}
          />
          <FormTextField
            label="api_password"
            name="api_password"
            type="password"
            autoComplete="new-password"
            {...inputRules(putCallbackConfigSchema, "api_password")}
            placeholder={initial.has_api_password ? "•••••••• (stored)" : ""}
            hint={
              initial.has_api_password
                ? "Stored encrypted and never shown again. Leave blank to keep it."
                : "Sent to your service as api_secret."
            }
          />
        </div>
        <FormTextField
          label="Cache positive answers (seconds)"
          name="cache_ttl_seconds"
          type="number"
          {...inputRules(putCallbackConfigSchema, "cache_ttl_seconds")}
          hint="0 = ask your service every time. Up to 300: a revoked token keeps working for at most this long."
        />
        <div>
          <SubmitButton pendingLabel="Saving…" disabled={disabled}>
            Save callback settings
          </SubmitButton>
        </div>
      </fieldset>
    </ActionForm>
  );
}
