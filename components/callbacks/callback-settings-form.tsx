"use client";

import { useActionState, useState } from "react";
import { useActionToast } from "@/components/toast/use-action-toast";
import { SelectField, TextField } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import type { CallbackMode } from "@/lib/callbacks/schemas";
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
  const [state, formAction] = useActionState(action, { status: "idle" });
  const [mode, setMode] = useState<string>(initial.mode);
  useActionToast(state);
  const values = state.status === "error" ? (state.values ?? {}) : {};
  const errors = state.status === "error" ? state.fieldErrors : {};
  // Remount fields after each save so defaults reflect what the server now holds.
  const key = state.status === "idle" ? 0 : state.at;

  return (
    <form action={formAction} noValidate data-testid="callback-settings-form">
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
        <TextField
          key={`url-${key}`}
          label="A&A callback URL"
          name="url"
          type="url"
          placeholder="https://auth.example.com/hypelabs/certify"
          defaultValue={values.url ?? initial.url}
          error={errors.url}
          hint="Portico POSTs {api_user, api_secret, access_token, token_type, user_identifier} here and expects HTTP 200."
        />
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField
            key={`user-${key}`}
            label="api_user"
            name="api_user"
            autoComplete="off"
            defaultValue={values.api_user ?? initial.api_user}
            error={errors.api_user}
          />
          <TextField
            key={`password-${key}`}
            label="api_password"
            name="api_password"
            type="password"
            autoComplete="new-password"
            placeholder={initial.has_api_password ? "•••••••• (stored)" : ""}
            error={errors.api_password}
            hint={
              initial.has_api_password
                ? "Stored encrypted and never shown again. Leave blank to keep it."
                : "Sent to your service as api_secret."
            }
          />
        </div>
        <TextField
          key={`ttl-${key}`}
          label="Cache positive answers (seconds)"
          name="cache_ttl_seconds"
          type="number"
          min={0}
          max={300}
          defaultValue={values.cache_ttl_seconds ?? String(initial.cache_ttl_seconds)}
          error={errors.cache_ttl_seconds}
          hint="0 = ask your service every time. Up to 300: a revoked token keeps working for at most this long."
        />
        <div>
          <SubmitButton pendingLabel="Saving…" disabled={disabled}>
            Save callback settings
          </SubmitButton>
        </div>
      </fieldset>
    </form>
  );
}
