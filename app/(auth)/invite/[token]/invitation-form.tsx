"use client";

import { ActionForm, FormTextField, useFormAction } from "@/components/ui/action-form";
import { SubmitButton } from "@/components/ui/submit-button";
import { credentialsSchema, newAccountSchema } from "@/lib/auth/schemas";
import { inputRules } from "@/lib/panel/validation";
import { acceptInvitationAction, joinInvitationAction } from "../../actions";

/**
 * Accepting an invitation: a new e-mail creates its account (name and a new password); an e-mail that already has an
 * account signs in with its password. Either way the person joins the partner and is signed in.
 */
export function InvitationForm({ token, email, hasAccount }: { token: string; email: string; hasAccount: boolean }) {
  const form = useFormAction(hasAccount ? joinInvitationAction : acceptInvitationAction);
  return (
    <ActionForm form={form} className="flex flex-col gap-4">
      <input type="hidden" name="token" value={token} />
      <p className="text-sm">
        E-mail: <strong className="break-all">{email}</strong>
      </p>
      {hasAccount ? (
        <FormTextField
          label="Password"
          name="password"
          type="password"
          autoComplete="current-password"
          {...inputRules(credentialsSchema, "password")}
        />
      ) : (
        <>
          <FormTextField label="Your name" name="name" autoComplete="name" {...inputRules(newAccountSchema, "name")} />
          <FormTextField
            label="Password"
            name="password"
            type="password"
            autoComplete="new-password"
            {...inputRules(newAccountSchema, "password")}
            hint={`At least ${inputRules(newAccountSchema, "password").minLength} characters`}
          />
        </>
      )}
      <SubmitButton pendingLabel="Joining…">{hasAccount ? "Sign in and join" : "Create account and join"}</SubmitButton>
    </ActionForm>
  );
}
