"use client";

import { ActionForm, FormTextField, useFormAction } from "@/components/ui/action-form";
import { SubmitButton } from "@/components/ui/submit-button";
import { credentialsSchema, newAccountSchema } from "@/lib/auth/schemas";
import { inputRules } from "@/lib/panel/validation";
import { acceptInvitationAction, joinInvitationAction } from "../../actions";

export function NewAccountForm({ token, email }: { token: string; email: string }) {
  const form = useFormAction(acceptInvitationAction);
  return (
    <ActionForm form={form} className="flex flex-col gap-4">
      <input type="hidden" name="token" value={token} />
      <p className="text-sm">
        E-mail: <strong className="break-all">{email}</strong>
      </p>
      <FormTextField label="Your name" name="name" autoComplete="name" {...inputRules(newAccountSchema, "name")} />
      <FormTextField
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        {...inputRules(newAccountSchema, "password")}
        hint="At least 10 characters"
      />
      <SubmitButton pendingLabel="Joining…">Create account and join</SubmitButton>
    </ActionForm>
  );
}

export function ExistingAccountForm({ token, email }: { token: string; email: string }) {
  const form = useFormAction(joinInvitationAction);
  return (
    <ActionForm form={form} className="flex flex-col gap-4">
      <input type="hidden" name="token" value={token} />
      <p className="text-sm">
        E-mail: <strong className="break-all">{email}</strong>
      </p>
      <FormTextField
        label="Password"
        name="password"
        type="password"
        autoComplete="current-password"
        {...inputRules(credentialsSchema, "password")}
      />
      <SubmitButton pendingLabel="Joining…">Sign in and join</SubmitButton>
    </ActionForm>
  );
}
