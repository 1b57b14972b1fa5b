"use client";

import { useState } from "react";
import { SecretValue } from "@/components/secret-value";
import { ActionForm, FormTextField, useFormAction } from "@/components/ui/action-form";
import { CreatedWithSecretsInline } from "@/components/ui/created-with-secrets";
import { SubmitButton } from "@/components/ui/submit-button";
import { createTokenFormSchema } from "@/lib/panel/schemas";
import { inputRules } from "@/lib/panel/validation";
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
  const form = useFormAction(createTokenAction);
  const { state } = form;
  const [dismissedAt, setDismissedAt] = useState<number | null>(null);

  if (state.status === "success" && state.at !== dismissedAt) {
    return (
      <CreatedWithSecretsInline
        title={`Your new API token “${state.data.name}”`}
        testId="token-created"
        againLabel="Done — create another"
        onAgain={() => setDismissedAt(state.at)}
      >
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          Send it as <code className="font-mono">Authorization: Bearer &lt;token&gt;</code>. Portico stores only a hash
          of it.
        </p>
        <SecretValue label="API token" value={state.data.token} testId="new-token" />
      </CreatedWithSecretsInline>
    );
  }

  return (
    <ActionForm form={form}>
      <fieldset disabled={disabled} className="grid items-start gap-4 sm:grid-cols-[1fr_12rem_auto]">
        <FormTextField
          label="Token name"
          name="name"
          placeholder="Production backend"
          {...inputRules(createTokenFormSchema, "name")}
        />
        <FormTextField
          label="Expires on (optional)"
          name="expiresOn"
          type="date"
          min={minDate}
          hint={`End of day, ${timeZone}`}
        />
        <div className="sm:pt-7">
          <SubmitButton pendingLabel="Creating…" disabled={disabled}>
            Create token
          </SubmitButton>
        </div>
      </fieldset>
    </ActionForm>
  );
}
