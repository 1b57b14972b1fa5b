"use client";

import { ActionForm, useFormAction } from "@/components/ui/action-form";
import { SubmitButton } from "@/components/ui/submit-button";
import type { AlertKind } from "@/lib/mail/alerts";
import { saveAlertPreferencesAction } from "../actions";

export function AlertsForm({ choices }: { choices: { kind: AlertKind; label: string; enabled: boolean }[] }) {
  const form = useFormAction(saveAlertPreferencesAction);
  return (
    <ActionForm form={form}>
      <fieldset className="flex flex-col gap-3">
        <legend className="sr-only">E-mail alerts</legend>
        {choices.map((choice) => (
          <label key={choice.kind} className="flex items-start gap-3 text-sm">
            <input
              type="checkbox"
              name="alerts"
              value={choice.kind}
              defaultChecked={choice.enabled}
              className="mt-0.5"
              data-testid={`alert-${choice.kind}`}
            />
            <span>{choice.label}</span>
          </label>
        ))}
        <div>
          <SubmitButton pendingLabel="Saving…">Save alerts</SubmitButton>
        </div>
      </fieldset>
    </ActionForm>
  );
}
