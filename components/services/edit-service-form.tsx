"use client";

import type { FormServerAction } from "@/components/ui/action-form";
import { ActionForm, useFormAction } from "@/components/ui/action-form";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { SubmitButton } from "@/components/ui/submit-button";
import { ServiceFields } from "./service-fields";

export interface EditableService {
  id: string;
  name: string;
  url: string;
  checkIntervalSeconds: number;
  published: boolean;
}

/** Name, URL and check interval of an existing service. */
export function EditServiceForm({
  service,
  action,
  disabled,
}: {
  service: EditableService;
  action: FormServerAction<null>;
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
            <ServiceFields editing />
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
