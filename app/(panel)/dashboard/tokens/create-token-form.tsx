"use client";

import { useActionState, useState } from "react";
import { OneTimeSecrets, SecretValue } from "@/components/secret-value";
import { useActionToast } from "@/components/toast/use-action-toast";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { createTokenAction } from "./actions";

export function CreateTokenForm({
  disabled,
  minDate,
  timeZone,
}: {
  disabled: boolean;
  minDate: string;
  timeZone: string;
}) {
  const [state, formAction] = useActionState(createTokenAction, { status: "idle" });
  const [dismissedAt, setDismissedAt] = useState<number | null>(null);
  useActionToast(state);

  if (state.status === "success" && state.at !== dismissedAt) {
    return (
      <div className="flex flex-col gap-4">
        <OneTimeSecrets title={`Your new API token “${state.data.name}”`} testId="token-created">
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            Send it as <code className="font-mono">Authorization: Bearer &lt;token&gt;</code>. Portico stores only a
            hash of it.
          </p>
          <SecretValue label="API token" value={state.data.token} testId="new-token" />
        </OneTimeSecrets>
        <div>
          <Button variant="secondary" onClick={() => setDismissedAt(state.at)}>
            Done — create another
          </Button>
        </div>
      </div>
    );
  }

  const values = state.status === "error" ? (state.values ?? {}) : {};
  const errors = state.status === "error" ? state.fieldErrors : {};
  const key = state.status === "idle" ? 0 : state.at;
  return (
    <form action={formAction} noValidate>
      <fieldset disabled={disabled} className="grid items-start gap-4 sm:grid-cols-[1fr_12rem_auto]">
        <TextField
          key={`name-${key}`}
          label="Token name"
          name="name"
          placeholder="Production backend"
          defaultValue={values.name}
          error={errors.name}
        />
        <TextField
          key={`expires-${key}`}
          label="Expires on (optional)"
          name="expiresOn"
          type="date"
          min={minDate}
          defaultValue={values.expiresOn}
          hint={`End of day, ${timeZone}`}
          error={errors.expiresOn}
        />
        <div className="sm:pt-7">
          <SubmitButton pendingLabel="Creating…" disabled={disabled}>
            Create token
          </SubmitButton>
        </div>
      </fieldset>
    </form>
  );
}
