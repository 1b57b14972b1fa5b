"use client";

import { useState } from "react";
import { SecretValue } from "@/components/secret-value";
import {
  ActionForm,
  ActionFormCard,
  type FormActionState,
  type FormServerAction,
  FormTextField,
  useFormAction,
} from "@/components/ui/action-form";
import { CreatedWithSecrets } from "@/components/ui/created-with-secrets";
import { SelectField, TextField } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ActionState } from "@/lib/panel/action-state";
import { inputRules } from "@/lib/panel/validation";
import { createEndpointSchema, oauth2V1Schema, oauth2V2Schema } from "@/lib/webhooks/schemas";

// The inputs' limits, read off the API's schemas (the panel's action parses with the same ones).
const v1 = oauth2V1Schema.shape.data;
const v2 = oauth2V2Schema.shape.data;

export interface CreatedEndpoint {
  id: string;
  url: string;
  secret: string;
}

type CreateAction = (state: ActionState<CreatedEndpoint>, formData: FormData) => Promise<ActionState<CreatedEndpoint>>;

export function CreateEndpointForm({
  action,
  eventTypes,
  disabled,
}: {
  action: CreateAction;
  eventTypes: readonly string[];
  disabled: boolean;
}) {
  const form = useFormAction(action);
  const { state } = form;

  if (state.status === "success") {
    return (
      <CreatedWithSecrets
        title="Your endpoint is ready"
        testId="webhook-created"
        open={{ href: `/dashboard/webhooks/${state.data.id}`, label: "I have saved it — open the endpoint" }}
        back={{ href: "/dashboard/webhooks", label: "Back to webhooks" }}
      >
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          Verify every delivery with this Standard Webhooks signing secret (HMAC-SHA256 of{" "}
          <code className="font-mono">webhook-id.webhook-timestamp.body</code>). It is shown only now.
        </p>
        <SecretValue label="Signing secret" value={state.data.secret} testId="created-webhook-secret" />
      </CreatedWithSecrets>
    );
  }

  return (
    <ActionFormCard form={form} disabled={disabled}>
      <EndpointFields form={form} eventTypes={eventTypes} />
      <div>
        <SubmitButton pendingLabel="Creating…" disabled={disabled}>
          Create endpoint
        </SubmitButton>
      </div>
    </ActionFormCard>
  );
}

/** The endpoint as the edit form starts from (secrets are never sent back to the browser). */
export interface EditableEndpoint {
  id: string;
  url: string;
  description: string | null;
  events: readonly string[];
  authentication: string;
}

export function EditEndpointForm({
  action,
  endpoint,
  eventTypes,
  disabled,
}: {
  action: FormServerAction<null>;
  endpoint: EditableEndpoint;
  eventTypes: readonly string[];
  disabled: boolean;
}) {
  const form = useFormAction(action, {
    initial: { url: endpoint.url, description: endpoint.description ?? "", auth_type: "keep" },
  });
  return (
    <ActionForm form={form} data-testid="edit-endpoint-form">
      <input type="hidden" name="id" value={endpoint.id} />
      <fieldset disabled={disabled} className="flex max-w-xl flex-col gap-5">
        <EndpointFields form={form} eventTypes={eventTypes} editing={endpoint} />
        <div>
          <SubmitButton pendingLabel="Saving…" disabled={disabled}>
            Save changes
          </SubmitButton>
        </div>
      </fieldset>
    </ActionForm>
  );
}

function EndpointFields<T>({
  form,
  eventTypes,
  editing,
}: {
  form: FormActionState<T>;
  eventTypes: readonly string[];
  editing?: EditableEndpoint;
}) {
  const { errors } = form;
  const [authType, setAuthType] = useState(form.values.auth_type || "none");
  const ticked = new Set(editing?.events ?? []);
  return (
    <>
      <FormTextField
        label="Endpoint URL"
        name="url"
        type="url"
        placeholder="https://api.acme.example/webhooks"
        {...inputRules(createEndpointSchema, "url")}
      />
      <FormTextField
        label="Description (optional)"
        name="description"
        {...inputRules(createEndpointSchema, "description")}
      />
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1 text-sm font-medium text-zinc-800 dark:text-zinc-200">Events</legend>
        {eventTypes.map((type) => (
          <label key={type} className="flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              name="events"
              value={type}
              defaultChecked={ticked.has(type)}
              className="size-4 rounded border-zinc-300"
            />
            <code className="font-mono text-xs break-all">{type}</code>
          </label>
        ))}
        <p className="text-sm text-zinc-500 dark:text-zinc-400">
          None ticked = all events, including types added later.
        </p>
        {errors.events ? <p className="text-sm text-red-600">{errors.events}</p> : null}
      </fieldset>
      <SelectField
        label="Authentication"
        name="auth_type"
        value={authType}
        onChange={(event) => setAuthType(event.target.value)}
        hint={
          editing
            ? `Now: ${editing.authentication}. Secrets are never shown; choose a type to replace them.`
            : undefined
        }
      >
        {editing ? <option value="keep">Keep the current authentication</option> : null}
        <option value="none">None (signature only)</option>
        <option value="oauth2_v1">OAuth2 v1 — client credentials</option>
        <option value="oauth2_v2">OAuth2 v2 — fixed token</option>
      </SelectField>
      {authType === "oauth2_v1" ? (
        <>
          <FormTextField
            label="Token URL"
            name="token_url"
            type="url"
            {...inputRules(v1, "url")}
            error={errors.auth_url}
            hint="Portico POSTs grant_type, client_id and client_secret here and expects {access_token, expires_in}."
          />
          <FormTextField
            label="Client id"
            name="client_id"
            {...inputRules(v1, "client_id")}
            error={errors.auth_client_id}
          />
          <TextField
            label="Client secret"
            name="client_secret"
            type="password"
            autoComplete="off"
            {...inputRules(v1, "client_secret")}
            error={errors.auth_client_secret}
            hint="Stored encrypted; never shown again."
          />
          <FormTextField
            label="Scope (optional)"
            name="scope"
            {...inputRules(v1, "scope")}
            error={errors.auth_scope}
            hint="Space-separated scopes sent with the token request, e.g. webhooks:write."
          />
        </>
      ) : null}
      {authType === "oauth2_v2" ? (
        <TextField
          label="Access token"
          name="token"
          type="password"
          autoComplete="off"
          {...inputRules(v2, "token")}
          error={errors.auth_token}
          hint="Sent as Authorization: Bearer <token>. Stored encrypted."
        />
      ) : null}
      {errors.authentication ? <p className="text-sm text-red-600">{errors.authentication}</p> : null}
    </>
  );
}
