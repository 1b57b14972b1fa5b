"use client";

import { useState } from "react";
import { SecretValue } from "@/components/secret-value";
import { ActionForm, FormSelectField, FormTextField, useFormAction } from "@/components/ui/action-form";
import { CreatedWithSecretsInline } from "@/components/ui/created-with-secrets";
import { SubmitButton } from "@/components/ui/submit-button";
import { emailSchema } from "@/lib/auth/schemas";
import { fieldInputRules } from "@/lib/panel/validation";
import { inviteMemberAction } from "./actions";

export function InviteForm({ disabled }: { disabled: boolean }) {
  const form = useFormAction(inviteMemberAction, { initial: { role: "developer" } });
  const { state } = form;
  const [dismissedAt, setDismissedAt] = useState<number | null>(null);

  if (state.status === "success" && state.at !== dismissedAt) {
    return (
      <CreatedWithSecretsInline
        title={`Invitation for ${state.data.email}`}
        testId="invitation-created"
        againLabel="Done — invite someone else"
        onAgain={() => setDismissedAt(state.at)}
      >
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          Portico e-mails this link when mail is set up. It works once, for 7 days; you can also send it yourself.
        </p>
        <SecretValue label="Accept link" value={state.data.acceptUrl} testId="invitation-link" />
      </CreatedWithSecretsInline>
    );
  }

  return (
    <ActionForm form={form}>
      <fieldset disabled={disabled} className="grid items-start gap-4 sm:grid-cols-[1fr_12rem_auto]">
        <FormTextField
          label="E-mail"
          name="email"
          type="email"
          placeholder="colleague@example.com"
          {...fieldInputRules(emailSchema)}
        />
        <FormSelectField label="Role" name="role">
          <option value="developer">Developer</option>
          <option value="viewer">Viewer</option>
          <option value="owner">Owner</option>
        </FormSelectField>
        <div className="sm:pt-7">
          <SubmitButton pendingLabel="Inviting…" disabled={disabled}>
            Invite
          </SubmitButton>
        </div>
      </fieldset>
    </ActionForm>
  );
}
