"use client";

import { useActionState } from "react";
import { useActionToast } from "@/components/toast/use-action-toast";
import { SelectField, TextField } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ActionState } from "@/lib/panel/action-state";

export interface GrantableService {
  id: string;
  name: string;
  state: string;
  partner: { name: string };
}

export function GrantEntitlementForm({
  action,
  services,
  minDate,
}: {
  action: (state: ActionState<null>, formData: FormData) => Promise<ActionState<null>>;
  services: GrantableService[];
  minDate: string;
}) {
  const [state, formAction] = useActionState(action, { status: "idle" });
  useActionToast(state);
  const values = state.status === "error" ? (state.values ?? {}) : {};
  const errors = state.status === "error" ? state.fieldErrors : {};
  const key = state.status === "idle" ? 0 : state.at;
  return (
    <form action={formAction} noValidate className="grid items-start gap-4 lg:grid-cols-[1fr_1fr_11rem_auto]">
      <TextField
        key={`email-${key}`}
        label="User email"
        name="email"
        type="email"
        defaultValue={values.email}
        error={errors.email}
      />
      <SelectField
        key={`service-${key}`}
        label="Service"
        name="serviceId"
        defaultValue={values.serviceId ?? ""}
        error={errors.serviceId}
      >
        <option value="" disabled>
          Choose a service…
        </option>
        {services.map((service) => (
          <option key={service.id} value={service.id}>
            {service.name} — {service.partner.name}
            {service.state === "published" ? "" : ` (${service.state})`}
          </option>
        ))}
      </SelectField>
      <TextField
        key={`expires-${key}`}
        label="Expires on (optional)"
        name="expiresOn"
        type="date"
        min={minDate}
        defaultValue={values.expiresOn}
        hint="End of day, UTC"
        error={errors.expiresOn ?? errors.expiresAt}
      />
      <div className="lg:pt-7">
        <SubmitButton pendingLabel="Granting…">Grant access</SubmitButton>
      </div>
    </form>
  );
}
