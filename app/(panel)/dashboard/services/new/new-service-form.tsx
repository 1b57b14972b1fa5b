"use client";

import { useActionState } from "react";
import { OneTimeSecrets, SecretValue } from "@/components/secret-value";
import { useActionToast } from "@/components/toast/use-action-toast";
import { LinkButton } from "@/components/ui/button";
import { Card, CardBody } from "@/components/ui/card";
import { TextField } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { createServiceAction } from "../actions";

export function NewServiceForm({ disabled }: { disabled: boolean }) {
  const [state, formAction] = useActionState(createServiceAction, { status: "idle" });
  useActionToast(state);

  if (state.status === "success") {
    const created = state.data;
    return (
      <div className="flex flex-col gap-4">
        <OneTimeSecrets title={`“${created.name}” is ready`} testId="service-created">
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            Your <code className="font-mono">/authorize</code> endpoint signs{" "}
            <code className="font-mono">service_id + timestamp</code> with this secret (HMAC-SHA256). The service id
            stays visible on the service page; the secret does not.
          </p>
          <SecretValue label="service_id" value={created.serviceId} testId="created-service-id" />
          <SecretValue label="service_secret" value={created.serviceSecret} testId="created-service-secret" />
        </OneTimeSecrets>
        <div className="flex gap-2">
          <LinkButton href={`/dashboard/services/${created.id}`}>I have saved it — open the service</LinkButton>
          <LinkButton href="/dashboard/services" variant="secondary">
            Back to services
          </LinkButton>
        </div>
      </div>
    );
  }

  const values = state.values ?? {};
  const errors = state.status === "error" ? state.fieldErrors : {};
  const key = state.status === "idle" ? 0 : state.at;
  return (
    <Card>
      <CardBody>
        <form action={formAction} noValidate>
          <fieldset disabled={disabled} className="flex max-w-xl flex-col gap-5">
            <TextField
              key={`name-${key}`}
              label="Name"
              name="name"
              defaultValue={values.name}
              placeholder="Acme Notes"
              error={errors.name}
            />
            <TextField
              key={`url-${key}`}
              label="URL"
              name="url"
              type="url"
              inputMode="url"
              defaultValue={values.url}
              placeholder="https://dev.acme.example/app"
              hint="Portico polls GET /authorize on this URL's origin."
              error={errors.url}
            />
            <TextField
              key={`interval-${key}`}
              label="Check interval (seconds)"
              name="check_interval_seconds"
              type="number"
              min={30}
              max={86400}
              step={1}
              defaultValue={values.check_interval_seconds ?? "300"}
              hint="How often Portico checks the service. At least 30."
              error={errors.check_interval_seconds}
            />
            <div>
              <SubmitButton pendingLabel="Creating…" disabled={disabled}>
                Create service
              </SubmitButton>
            </div>
          </fieldset>
        </form>
      </CardBody>
    </Card>
  );
}
