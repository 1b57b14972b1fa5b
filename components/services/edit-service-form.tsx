"use client";

import type { FormServerAction } from "@/components/ui/action-form";
import { ActionForm, FormTextField, useFormAction } from "@/components/ui/action-form";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { SubmitButton } from "@/components/ui/submit-button";

export interface EditableService {
  id: string;
  name: string;
  url: string;
  checkIntervalSeconds: number;
  published: boolean;
}

/** Name, URL and check interval; limits match the server's (lib/services/schemas). */
export function EditServiceForm({
  service,
  action,
  limits,
  disabled,
}: {
  service: EditableService;
  action: FormServerAction<null>;
  limits: { nameMax: number; intervalMin: number; intervalMax: number; urlMax: number };
  disabled: boolean;
}) {
  const form = useFormAction(action, {
    initial: {
      id: service.id,
      name: service.name,
      url: service.url,
      check_interval_seconds: String(service.checkIntervalSeconds),
    },
  });
  return (
    <Card>
      <CardHeader
        title="Edit"
        description={
          service.published
            ? "Changing the URL sends the service back to review: end users cannot open it until an admin publishes it again."
            : "Changes apply at once; a new URL or interval is checked right away."
        }
      />
      <CardBody>
        <ActionForm form={form} data-testid="edit-service-form">
          <input type="hidden" name="id" value={service.id} />
          <fieldset disabled={disabled} className="flex max-w-xl flex-col gap-5">
            <FormTextField label="Name" name="name" maxLength={limits.nameMax} required />
            <FormTextField label="URL" name="url" type="url" inputMode="url" maxLength={limits.urlMax} required />
            <FormTextField
              label="Check interval (seconds)"
              name="check_interval_seconds"
              type="number"
              min={limits.intervalMin}
              max={limits.intervalMax}
              step={1}
            />
            <div>
              <SubmitButton pendingLabel="Saving…" disabled={disabled}>
                Save changes
              </SubmitButton>
            </div>
          </fieldset>
        </ActionForm>
      </CardBody>
    </Card>
  );
}
