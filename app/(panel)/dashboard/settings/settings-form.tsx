"use client";

import { ActionForm, FormSelectField, FormTextField, useFormAction } from "@/components/ui/action-form";
import { SubmitButton } from "@/components/ui/submit-button";
import { inputRules } from "@/lib/panel/validation";
import { partnerSettingsSchema } from "@/lib/partners/schemas";
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
      <FormTextField label="Partner name" name="name" {...inputRules(partnerSettingsSchema, "name")} />
      <FormSelectField
        label="Time zone"
        name="timeZone"
        hint="Every date in the panel is shown in it; statistics count days in it; end-user sessions end at its midnight."
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
        {...inputRules(partnerSettingsSchema, "customerId")}
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
