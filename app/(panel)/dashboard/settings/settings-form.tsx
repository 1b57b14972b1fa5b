"use client";

import { ActionForm, FormSelectField, FormTextField, useFormAction } from "@/components/ui/action-form";
import { SubmitButton } from "@/components/ui/submit-button";
import { saveSettingsAction } from "./actions";

// A type alias, not an interface: it must be assignable to the form's Record<string, string> of initial values.
export type SettingsValues = {
  name: string;
  timeZone: string;
  customerId: string;
};

export function SettingsForm({ initial, timeZones }: { initial: SettingsValues; timeZones: string[] }) {
  const form = useFormAction(saveSettingsAction, { initial });
  const timeZone = form.values.timeZone ?? initial.timeZone;
  const zones = timeZones.includes(timeZone) ? timeZones : [timeZone, ...timeZones];

  return (
    <ActionForm form={form} className="flex max-w-xl flex-col gap-5">
      <FormTextField label="Partner name" name="name" />
      <FormSelectField
        label="Time zone"
        name="timeZone"
        hint="Used for payouts, statistics and for when end-user sessions expire (end of day)."
      >
        {zones.map((zone) => (
          <option key={zone} value={zone}>
            {zone}
          </option>
        ))}
      </FormSelectField>
      <FormTextField
        label="Customer id"
        name="customerId"
        className="font-mono"
        hint={
          <>
            The <code className="font-mono">iss</code> claim of the JWTs Portico issues for you. Changing it affects
            verifiers that check the issuer.
          </>
        }
      />
      <div>
        <SubmitButton pendingLabel="Saving…">Save settings</SubmitButton>
      </div>
    </ActionForm>
  );
}
