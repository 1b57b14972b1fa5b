"use client";

import { useActionState } from "react";
import { useActionToast } from "@/components/toast/use-action-toast";
import { SelectField, TextField } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { saveSettingsAction } from "./actions";

export interface SettingsValues {
  name: string;
  timeZone: string;
  customerId: string;
}

export function SettingsForm({ initial, timeZones }: { initial: SettingsValues; timeZones: string[] }) {
  const [state, formAction] = useActionState(saveSettingsAction, { status: "idle" });
  useActionToast(state);
  const values = { ...initial, ...state.values };
  const errors = state.status === "error" ? state.fieldErrors : {};
  const key = state.status === "idle" ? 0 : state.at;
  const zones = timeZones.includes(values.timeZone) ? timeZones : [values.timeZone, ...timeZones];

  return (
    <form action={formAction} noValidate className="flex max-w-xl flex-col gap-5">
      <TextField key={`name-${key}`} label="Partner name" name="name" defaultValue={values.name} error={errors.name} />
      <SelectField
        key={`tz-${key}`}
        label="Time zone"
        name="timeZone"
        defaultValue={values.timeZone}
        hint="Used for payouts, statistics and for when end-user sessions expire (end of day)."
        error={errors.timeZone}
      >
        {zones.map((zone) => (
          <option key={zone} value={zone}>
            {zone}
          </option>
        ))}
      </SelectField>
      <TextField
        key={`cid-${key}`}
        label="Customer id"
        name="customerId"
        defaultValue={values.customerId}
        className="font-mono"
        hint={
          <>
            The <code className="font-mono">iss</code> claim of the JWTs Portico issues for you. Changing it affects
            verifiers that check the issuer.
          </>
        }
        error={errors.customerId}
      />
      <div>
        <SubmitButton pendingLabel="Saving…">Save settings</SubmitButton>
      </div>
    </form>
  );
}
