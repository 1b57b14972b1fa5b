"use client";

import { SecretValue } from "@/components/secret-value";
import { ServiceFields } from "@/components/services/service-fields";
import { ActionFormCard, useFormAction } from "@/components/ui/action-form";
import { CreatedWithSecrets } from "@/components/ui/created-with-secrets";
import { SubmitButton } from "@/components/ui/submit-button";
import { createServiceAction } from "../actions";

export function NewServiceForm({ disabled }: { disabled: boolean }) {
  const form = useFormAction(createServiceAction, { initial: { check_interval_seconds: "300" } });
  const { state } = form;

  if (state.status === "success") {
    const created = state.data;
    return (
      <CreatedWithSecrets
        title={`“${created.name}” is ready`}
        testId="service-created"
        open={{ href: `/dashboard/services/${created.id}`, label: "I have saved it — open the service" }}
        back={{ href: "/dashboard/services", label: "Back to services" }}
      >
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          Your <code className="font-mono">/authorize</code> endpoint signs{" "}
          <code className="font-mono">service_id + timestamp</code> with this secret (HMAC-SHA256). The service id stays
          visible on the service page; the secret does not.
        </p>
        <SecretValue label="service_id" value={created.serviceId} testId="created-service-id" />
        <SecretValue label="service_secret" value={created.serviceSecret} testId="created-service-secret" />
      </CreatedWithSecrets>
    );
  }

  return (
    <ActionFormCard form={form} disabled={disabled}>
      <ServiceFields />
      <div>
        <SubmitButton pendingLabel="Creating…" disabled={disabled}>
          Create service
        </SubmitButton>
      </div>
    </ActionFormCard>
  );
}
