"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { type ActionState, type FormValues, type SecretsResult, success } from "@/lib/panel/action-state";
import { panelAction } from "@/lib/panel/actions";
import { replayDelivery } from "@/lib/webhooks/deliveries";
import {
  createEndpoint,
  deleteEndpoint,
  disableEndpointByPartner,
  enableEndpoint,
  rotateEndpointSecret,
  sendTestEvent,
  updateEndpoint,
} from "@/lib/webhooks/endpoints";
import { createEndpointSchema, disableEndpointSchema, updateEndpointSchema } from "@/lib/webhooks/schemas";

export interface CreatedEndpointResult {
  id: string;
  url: string;
  secret: string;
}

const access = { role: "partner", partnerRole: "developer" } as const;
const idForm = z.object({ id: z.string().min(1, "is required") });
const detailPage = ({ id }: { id: string }) => ({ path: `/dashboard/webhooks/${id}` });

/** Turns the form's flat fields into the authentication object the API takes, then validates like the API. */
function readAuthentication(values: FormValues) {
  if (values.auth_type === "oauth2_v1") {
    return {
      type: "OAuth2",
      version: "v1",
      data: {
        url: values.token_url ?? "",
        grant_type: "client_credentials",
        client_id: values.client_id ?? "",
        client_secret: values.client_secret ?? "",
        ...(values.scope?.trim() ? { scope: values.scope } : {}),
      },
    };
  }
  if (values.auth_type === "oauth2_v2") return { type: "OAuth2", version: "v2", data: { token: values.token ?? "" } };
  return null;
}

export const createEndpointAction = panelAction({
  access,
  schema: createEndpointSchema,
  read: (values, formData) => ({
    url: values.url ?? "",
    description: values.description || undefined,
    events: formData.getAll("events").map(String),
    authentication: readAuthentication(values),
  }),
  // Authentication issues belong to its sub-fields: auth_url, auth_client_id, auth_client_secret, auth_token.
  fieldFor: (path) =>
    path[0] === "authentication" && path.length > 1 ? `auth_${String(path.at(-1))}` : String(path[0]),
  labels: {
    auth_url: "Token URL",
    auth_client_id: "Client ID",
    auth_client_secret: "Client secret",
    auth_token: "Token",
    events: "Event types",
  },
  secretFields: ["client_secret", "token"],
  revalidate: { path: "/dashboard/webhooks" },
  run: async ({ partner, input }): Promise<ActionState<CreatedEndpointResult>> => {
    const endpoint = await createEndpoint({ partnerId: partner.id, input });
    return success("Webhook endpoint created", { id: endpoint.id, url: endpoint.url, secret: endpoint.secret });
  },
});

export const sendTestEventAction = panelAction({
  access,
  schema: idForm,
  revalidate: detailPage,
  run: async ({ partner, input }): Promise<ActionState<null>> => {
    await sendTestEvent({ partnerId: partner.id, id: input.id });
    return success("Test event queued — it appears in the delivery log in a moment", null);
  },
});

export const replayDeliveryAction = panelAction({
  access,
  schema: z.object({ id: z.string().min(1, "is required"), delivery_id: z.string().min(1, "is required") }),
  revalidate: detailPage,
  run: async ({ partner, input }): Promise<ActionState<null>> => {
    await replayDelivery({ partnerId: partner.id, endpointId: input.id, deliveryId: input.delivery_id });
    return success("Delivery queued again", null);
  },
});

export const enableEndpointAction = panelAction({
  access,
  schema: idForm,
  revalidate: { path: "/dashboard/webhooks", type: "layout" },
  run: async ({ partner, input }): Promise<ActionState<null>> => {
    await enableEndpoint({ partnerId: partner.id, id: input.id });
    return success("Endpoint re-enabled", null);
  },
});

export const rotateEndpointSecretAction = panelAction({
  access,
  schema: idForm,
  revalidate: detailPage,
  run: async ({ partner, input }): Promise<ActionState<SecretsResult>> => {
    const rotated = await rotateEndpointSecret({ partnerId: partner.id, id: input.id });
    return success("Signing secret rotated", {
      secrets: [{ label: "New signing secret", value: rotated.secret, testId: "rotated-webhook-secret" }],
    });
  },
});

export const updateEndpointAction = panelAction({
  access,
  schema: updateEndpointSchema.extend({ id: z.string().min(1, "is required") }),
  read: (values, formData) => ({
    id: values.id ?? "",
    url: values.url ?? "",
    description: values.description || null,
    events: formData.getAll("events").map(String),
    // "keep": the stored credentials stay (they are never sent back to the browser).
    authentication: values.auth_type === "keep" ? undefined : readAuthentication(values),
  }),
  fieldFor: (path) =>
    path[0] === "authentication" && path.length > 1 ? `auth_${String(path.at(-1))}` : String(path[0]),
  labels: {
    auth_url: "Token URL",
    auth_client_id: "Client ID",
    auth_client_secret: "Client secret",
    auth_scope: "Scope",
    auth_token: "Token",
    events: "Event types",
  },
  secretFields: ["client_secret", "token"],
  revalidate: { path: "/dashboard/webhooks", type: "layout" },
  run: async ({ partner, input }): Promise<ActionState<null>> => {
    const { id, ...changes } = input;
    await updateEndpoint({ partnerId: partner.id, id, input: changes });
    return success("Endpoint saved", null);
  },
});

export const disableEndpointAction = panelAction({
  access,
  schema: idForm.extend({ reason: disableEndpointSchema.shape.reason }),
  revalidate: { path: "/dashboard/webhooks", type: "layout" },
  run: async ({ partner, input }): Promise<ActionState<SecretsResult>> => {
    await disableEndpointByPartner({ partnerId: partner.id, id: input.id, reason: input.reason || undefined });
    return success("Endpoint disabled — nothing is sent to it until you enable it again", null);
  },
});

const deleteEndpointInner = panelAction({
  access: { role: "partner", partnerRole: "owner" },
  schema: idForm,
  revalidate: { path: "/dashboard/webhooks", type: "layout" },
  run: async ({ partner, input }): Promise<ActionState<SecretsResult>> => {
    await deleteEndpoint({ partnerId: partner.id, id: input.id });
    return success("Endpoint deleted", null);
  },
});

/** Its page no longer exists: a successful delete goes back to the list. */
export async function deleteEndpointAction(
  previous: ActionState<SecretsResult>,
  formData: FormData,
): Promise<ActionState<SecretsResult>> {
  const state = await deleteEndpointInner(previous, formData);
  if (state.status === "success") redirect("/dashboard/webhooks");
  return state;
}
