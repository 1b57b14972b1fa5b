"use client";

import { ActionForm, FormSelectField, FormTextField, useFormAction } from "@/components/ui/action-form";
import { SubmitButton } from "@/components/ui/submit-button";
import { emailSchema } from "@/lib/auth/schemas";
import type { ActionState } from "@/lib/panel/action-state";
import { fieldInputRules } from "@/lib/panel/validation";

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
  const form = useFormAction(action, { initial: { serviceId: "" } });
  const { errors } = form;
  return (
    <ActionForm form={form} className="grid items-start gap-4 lg:grid-cols-[1fr_1fr_11rem_auto]">
      <FormTextField label="User email" name="email" type="email" {...fieldInputRules(emailSchema)} />
      <FormSelectField label="Service" name="serviceId">
        <option value="" disabled>
          Choose a service…
        </option>
        {services.map((service) => (
          <option key={service.id} value={service.id}>
            {service.name} — {service.partner.name}
            {service.state === "published" ? "" : ` (${service.state})`}
          </option>
        ))}
      </FormSelectField>
      <FormTextField
        label="Expires on (optional)"
        name="expiresOn"
        type="date"
        min={minDate}
        hint="End of day, UTC"
        error={errors.expiresOn ?? errors.expiresAt}
      />
      <div className="lg:pt-7">
        <SubmitButton pendingLabel="Granting…">Grant access</SubmitButton>
      </div>
    </ActionForm>
  );
}
