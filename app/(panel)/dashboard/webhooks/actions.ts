"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { ZodError } from "zod";
import {
  type ActionState,
  failure,
  readFields,
  type SecretsResult,
  success,
  toFailure,
} from "@/lib/panel/action-state";
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
import { createEndpointSchema, updateEndpointSchema } from "@/lib/webhooks/schemas";
import { requireApprovedPartnerId } from "./session";

export interface CreatedEndpointResult {
  id: string;
  url: string;
  secret: string;
}

const FIELDS = [
  "url",
  "description",
  "auth_type",
  "token_url",
  "client_id",
  "client_secret",
  "scope",
  "token",
] as const;

/** Turns the form's flat fields into the seed's authentication object, then validates like the API. */
function readAuthentication(values: Record<(typeof FIELDS)[number], string>) {
  if (values.auth_type === "oauth2_v1") {
    return {
      type: "OAuth2",
      version: "v1",
      data: {
        url: values.token_url,
        grant_type: "client_credentials",
        client_id: values.client_id,
        client_secret: values.client_secret,
        ...(values.scope.trim() ? { scope: values.scope } : {}),
      },
    };
  }
  if (values.auth_type === "oauth2_v2") return { type: "OAuth2", version: "v2", data: { token: values.token } };
  return null;
}

export async function createEndpointAction(
  _previous: ActionState<CreatedEndpointResult>,
  formData: FormData,
): Promise<ActionState<CreatedEndpointResult>> {
  const values = readFields(formData, FIELDS);
  const { client_secret: _secret, token: _token, ...echo } = values; // never echo secrets back into the form
  try {
    const partnerId = await requireApprovedPartnerId();
    const parsed = createEndpointSchema.safeParse({
      url: values.url,
      description: values.description || undefined,
      events: formData.getAll("events").map(String),
      authentication: readAuthentication(values),
    });
    if (!parsed.success) return failure("Check the highlighted fields.", toEndpointFieldErrors(parsed.error), echo);
    const endpoint = await createEndpoint({ partnerId, input: parsed.data });
    revalidatePath("/dashboard/webhooks");
    return success("Webhook endpoint created", { id: endpoint.id, url: endpoint.url, secret: endpoint.secret });
  } catch (error) {
    return toFailure(error, echo);
  }
}

/** Field errors named after the form's flat fields, worded as sentences ("Is required" → "Client id is required"). */
function toEndpointFieldErrors(error: ZodError): Record<string, string> {
  const fieldErrors: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path[0] === "authentication" ? `auth_${String(issue.path.at(-1))}` : String(issue.path[0]);
    fieldErrors[key] ??= issue.message.charAt(0).toUpperCase() + issue.message.slice(1);
  }
  return fieldErrors;
}

export async function updateEndpointAction(
  _previous: ActionState<null>,
  formData: FormData,
): Promise<ActionState<null>> {
  const values = readFields(formData, ["id", ...FIELDS]);
  const { client_secret: _secret, token: _token, ...echo } = values;
  try {
    const partnerId = await requireApprovedPartnerId();
    const parsed = updateEndpointSchema.safeParse({
      url: values.url,
      description: values.description || null,
      events: formData.getAll("events").map(String),
      authentication: values.auth_type === "keep" ? undefined : readAuthentication(values),
    });
    if (!parsed.success) return failure("Check the highlighted fields.", toEndpointFieldErrors(parsed.error), echo);
    await updateEndpoint({ partnerId, id: values.id, input: parsed.data });
    revalidatePath("/dashboard/webhooks", "layout");
    return success("Endpoint saved", null);
  } catch (error) {
    return toFailure(error, echo);
  }
}

export async function disableEndpointAction(
  _previous: ActionState<SecretsResult>,
  formData: FormData,
): Promise<ActionState<SecretsResult>> {
  const { id, reason } = readFields(formData, ["id", "reason"]);
  try {
    const partnerId = await requireApprovedPartnerId();
    await disableEndpointByPartner({ partnerId, id, reason: reason.trim().slice(0, 200) || undefined });
    revalidatePath("/dashboard/webhooks", "layout");
    return success("Endpoint disabled — nothing is sent to it until you enable it again", null);
  } catch (error) {
    return toFailure(error);
  }
}

export async function deleteEndpointAction(
  _previous: ActionState<SecretsResult>,
  formData: FormData,
): Promise<ActionState<SecretsResult>> {
  const { id } = readFields(formData, ["id"]);
  try {
    await deleteEndpoint({ partnerId: await requireApprovedPartnerId(), id });
    revalidatePath("/dashboard/webhooks", "layout");
  } catch (error) {
    return toFailure(error);
  }
  redirect("/dashboard/webhooks");
}

export async function sendTestEventAction(
  _previous: ActionState<null>,
  formData: FormData,
): Promise<ActionState<null>> {
  const { id } = readFields(formData, ["id"]);
  try {
    await sendTestEvent({ partnerId: await requireApprovedPartnerId(), id });
    revalidatePath(`/dashboard/webhooks/${id}`);
    return success("Test event queued — it appears in the delivery log in a moment", null);
  } catch (error) {
    return toFailure(error);
  }
}

export async function replayDeliveryAction(
  _previous: ActionState<null>,
  formData: FormData,
): Promise<ActionState<null>> {
  const { id, delivery_id } = readFields(formData, ["id", "delivery_id"]);
  try {
    await replayDelivery({ partnerId: await requireApprovedPartnerId(), endpointId: id, deliveryId: delivery_id });
    revalidatePath(`/dashboard/webhooks/${id}`);
    return success("Delivery queued again", null);
  } catch (error) {
    return toFailure(error);
  }
}

export async function enableEndpointAction(
  _previous: ActionState<null>,
  formData: FormData,
): Promise<ActionState<null>> {
  const { id } = readFields(formData, ["id"]);
  try {
    await enableEndpoint({ partnerId: await requireApprovedPartnerId(), id });
    revalidatePath("/dashboard/webhooks", "layout");
    return success("Endpoint re-enabled", null);
  } catch (error) {
    return toFailure(error);
  }
}

export async function rotateEndpointSecretAction(
  _previous: ActionState<SecretsResult>,
  formData: FormData,
): Promise<ActionState<SecretsResult>> {
  const { id } = readFields(formData, ["id"]);
  try {
    const rotated = await rotateEndpointSecret({ partnerId: await requireApprovedPartnerId(), id });
    revalidatePath(`/dashboard/webhooks/${id}`);
    return success("Signing secret rotated", {
      secrets: [{ label: "New signing secret", value: rotated.secret, testId: "rotated-webhook-secret" }],
    });
  } catch (error) {
    return toFailure(error);
  }
}
