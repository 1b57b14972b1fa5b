// Webhook endpoints of a partner: configuration, signing secret (with rotation overlap), enable/disable, test event.
import { recordAudit } from "@/lib/audit/audit";
import { decryptSecret, encryptSecret } from "@/lib/crypto/encryption";
import { createId } from "@/lib/crypto/random";
import { type Db, getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { type EventType, isEventType } from "@/lib/events/catalog";
import { buildEventRow, recordEvent } from "@/lib/events/outbox";
import { listAlertRecipients } from "@/lib/mail/alerts";
import { webhookEndpointDisabledMail } from "@/lib/mail/messages";
import { queueMail } from "@/lib/mail/outbox";
import {
  authenticationSchema,
  type CreateEndpointInput,
  type EndpointOutput,
  type UpdateEndpointInput,
  type WebhookAuthentication,
} from "./schemas";
import { generateSigningSecret } from "./signing";

export const ROTATION_OVERLAP_MS = 24 * 3600 * 1000;
const MAX_ENDPOINTS_PER_PARTNER = 50;

type EndpointRow = NonNullable<Awaited<ReturnType<Db["webhookEndpoint"]["findFirst"]>>>;
type AuthType = "none" | "oauth2_v1" | "oauth2_v2";

function toAuthColumns(authentication: WebhookAuthentication | null | undefined) {
  if (!authentication) return { authType: "none" as AuthType, authConfigCiphertext: null };
  return {
    authType: (authentication.version === "v1" ? "oauth2_v1" : "oauth2_v2") as AuthType,
    authConfigCiphertext: encryptSecret(JSON.stringify(authentication)),
  };
}

/** The stored authentication object, decrypted; null when the endpoint sends no Authorization header. */
export function readAuthentication(
  row: Pick<EndpointRow, "authType" | "authConfigCiphertext">,
): WebhookAuthentication | null {
  if (row.authType === "none" || !row.authConfigCiphertext) return null;
  return authenticationSchema.parse(JSON.parse(decryptSecret(row.authConfigCiphertext)));
}

export function parseEventFilter(stored: string): EventType[] {
  const list = JSON.parse(stored) as string[];
  return list.filter(isEventType);
}

export function toEndpointOutput(row: EndpointRow): EndpointOutput {
  const auth = readAuthentication(row);
  const now = Date.now();
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    events: parseEventFilter(row.events),
    authentication:
      auth === null
        ? null
        : auth.version === "v1"
          ? {
              type: "OAuth2",
              version: "v1",
              data: {
                url: auth.data.url,
                grant_type: auth.data.grant_type,
                client_id: auth.data.client_id,
                ...(auth.data.scope ? { scope: auth.data.scope } : {}),
              },
            }
          : { type: "OAuth2", version: "v2" },
    status: row.status === "disabled" ? "disabled" : "enabled",
    disabled_reason: row.disabledReason,
    disabled_at: row.disabledAt?.toISOString() ?? null,
    failing_since: row.failingSince?.toISOString() ?? null,
    last_token_fetch:
      row.authType === "oauth2_v1" && row.tokenFetchedAt
        ? { at: row.tokenFetchedAt.toISOString(), ok: row.tokenFetchError === null, error: row.tokenFetchError }
        : null,
    previous_secret_expires_at:
      row.previousSecretExpiresAt && row.previousSecretExpiresAt.getTime() > now
        ? row.previousSecretExpiresAt.toISOString()
        : null,
    created_at: row.createdAt.toISOString(),
  };
}

export async function createEndpoint(options: { partnerId: string; input: CreateEndpointInput }) {
  const count = await getDb().webhookEndpoint.count({ where: { partnerId: options.partnerId } });
  if (count >= MAX_ENDPOINTS_PER_PARTNER) {
    throw new AppError("conflict", `A partner can have at most ${MAX_ENDPOINTS_PER_PARTNER} webhook endpoints.`);
  }
  const secret = generateSigningSecret();
  const row = await getDb().$transaction(async (tx) => {
    const created = await tx.webhookEndpoint.create({
      data: {
        id: createId("whe"),
        partnerId: options.partnerId,
        url: options.input.url,
        description: options.input.description || null,
        events: JSON.stringify(options.input.events ?? []),
        ...toAuthColumns(options.input.authentication),
        secretCiphertext: encryptSecret(secret),
      },
    });
    await recordAudit(tx, {
      partnerId: options.partnerId,
      action: "webhook_endpoint.created",
      target: { type: "webhook_endpoint", id: created.id },
      data: { after: { url: created.url, events: options.input.events ?? [] } },
    });
    return created;
  });
  return { ...toEndpointOutput(row), secret };
}

export async function listEndpoints(options: { partnerId: string }): Promise<EndpointOutput[]> {
  const rows = await getDb().webhookEndpoint.findMany({
    where: { partnerId: options.partnerId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
  });
  return rows.map(toEndpointOutput);
}

/** Scoped by partner: another partner's endpoint is indistinguishable from a missing one. */
export async function getEndpointOrThrow(options: { partnerId: string; id: string }): Promise<EndpointRow> {
  const row = await getDb().webhookEndpoint.findFirst({ where: { id: options.id, partnerId: options.partnerId } });
  if (!row) throw new AppError("not_found", `No webhook endpoint with id ${options.id}.`);
  return row;
}

export async function updateEndpoint(options: { partnerId: string; id: string; input: UpdateEndpointInput }) {
  const current = await getEndpointOrThrow(options);
  const { input } = options;
  const authChanged = input.authentication !== undefined;
  const row = await getDb().$transaction(async (tx) => {
    // A cached token belongs to the old credentials (or old token URL); the next delivery fetches afresh.
    if (authChanged) await tx.oAuthTokenCache.deleteMany({ where: { endpointId: current.id } });
    await recordAudit(tx, {
      partnerId: options.partnerId,
      action: "webhook_endpoint.updated",
      target: { type: "webhook_endpoint", id: current.id },
      data: {
        before: { url: current.url, events: JSON.parse(current.events) as unknown, auth_type: current.authType },
        after: { url: input.url, events: input.events, authentication_changed: authChanged },
      },
    });
    const updated = await tx.webhookEndpoint.update({
      where: { id: current.id },
      data: {
        url: input.url,
        description: input.description === undefined ? undefined : input.description || null,
        events: input.events === undefined ? undefined : JSON.stringify(input.events),
        // The token-fetch health described the old credentials.
        ...(authChanged ? { ...toAuthColumns(input.authentication), tokenFetchedAt: null, tokenFetchError: null } : {}),
      },
    });
    await recordEvent(tx, {
      partnerId: options.partnerId,
      type: "webhook_endpoint.updated",
      data: {
        id: current.id,
        changed: Object.keys(input).filter((key) => input[key as keyof typeof input] !== undefined),
      },
    });
    return updated;
  });
  return toEndpointOutput(row);
}

/** Its pending deliveries go with it (cascade): nothing more is sent to a deleted endpoint. */
export async function deleteEndpoint(options: { partnerId: string; id: string }): Promise<void> {
  await getDb().$transaction(async (tx) => {
    const result = await tx.webhookEndpoint.deleteMany({ where: { id: options.id, partnerId: options.partnerId } });
    if (result.count !== 1) throw new AppError("not_found", `No webhook endpoint with id ${options.id}.`);
    await recordAudit(tx, {
      partnerId: options.partnerId,
      action: "webhook_endpoint.deleted",
      target: { type: "webhook_endpoint", id: options.id },
    });
    await recordEvent(tx, { partnerId: options.partnerId, type: "webhook_endpoint.deleted", data: { id: options.id } });
  });
}

/** New secret now; the old one keeps signing alongside for 24 h so the partner can switch without a gap. */
export async function rotateEndpointSecret(options: { partnerId: string; id: string; now?: Date }) {
  const current = await getEndpointOrThrow(options);
  const now = options.now ?? new Date();
  const secret = generateSigningSecret();
  const row = await getDb().$transaction(async (tx) => {
    await recordAudit(tx, {
      partnerId: options.partnerId,
      action: "webhook_endpoint.secret_rotated",
      target: { type: "webhook_endpoint", id: current.id },
    });
    return tx.webhookEndpoint.update({
      where: { id: current.id },
      data: {
        secretCiphertext: encryptSecret(secret),
        previousSecretCiphertext: current.secretCiphertext,
        previousSecretExpiresAt: new Date(now.getTime() + ROTATION_OVERLAP_MS),
      },
    });
  });
  return { ...toEndpointOutput(row), secret };
}

/** Re-enabling forgets the failure streak, so the endpoint gets the full grace period again. */
export async function enableEndpoint(options: { partnerId: string; id: string }) {
  const current = await getEndpointOrThrow(options);
  const row = await getDb().$transaction(async (tx) => {
    await recordAudit(tx, {
      partnerId: options.partnerId,
      action: "webhook_endpoint.enabled",
      target: { type: "webhook_endpoint", id: current.id },
      data: { before: { status: current.status } },
    });
    const updated = await tx.webhookEndpoint.update({
      where: { id: current.id },
      data: { status: "enabled", disabledReason: null, disabledAt: null, failingSince: null },
    });
    if (current.status !== "enabled") {
      await recordEvent(tx, {
        partnerId: options.partnerId,
        type: "webhook_endpoint.enabled",
        data: { id: current.id },
      });
    }
    return updated;
  });
  return toEndpointOutput(row);
}

export const MANUAL_DISABLE_REASON = "Disabled by hand.";

/**
 * The partner pauses the endpoint: nothing is sent while disabled (pending deliveries wait, new events are not fanned
 * out to it). Disabling an already disabled endpoint keeps its first reason.
 */
export async function disableEndpointByPartner(options: { partnerId: string; id: string; reason?: string }) {
  const current = await getEndpointOrThrow(options);
  const row = await getDb().$transaction(async (tx) => {
    const result = await tx.webhookEndpoint.updateMany({
      where: { id: current.id, status: "enabled" },
      data: { status: "disabled", disabledReason: options.reason || MANUAL_DISABLE_REASON, disabledAt: new Date() },
    });
    if (result.count === 1) {
      await recordAudit(tx, {
        partnerId: options.partnerId,
        action: "webhook_endpoint.disabled",
        target: { type: "webhook_endpoint", id: current.id },
        data: { before: { status: current.status }, after: { reason: options.reason || MANUAL_DISABLE_REASON } },
      });
      await recordEvent(tx, {
        partnerId: options.partnerId,
        type: "webhook_endpoint.disabled",
        data: { id: current.id, reason: options.reason || MANUAL_DISABLE_REASON },
      });
    }
    return tx.webhookEndpoint.findUniqueOrThrow({ where: { id: current.id } });
  });
  return toEndpointOutput(row);
}

/**
 * Conditional, so concurrent workers disabling the same endpoint keep the first reason. Recorded, and the members who
 * want it are told by e-mail (once per disabling).
 */
export async function disableEndpoint(options: { id: string; reason: string; now?: Date }): Promise<boolean> {
  const at = options.now ?? new Date();
  return getDb().$transaction(async (tx) => {
    const result = await tx.webhookEndpoint.updateMany({
      where: { id: options.id, status: "enabled" },
      data: { status: "disabled", disabledReason: options.reason, disabledAt: at },
    });
    if (result.count !== 1) return false;
    const endpoint = await tx.webhookEndpoint.findUniqueOrThrow({
      where: { id: options.id },
      select: { partnerId: true, url: true },
    });
    await recordAudit(tx, {
      partnerId: endpoint.partnerId,
      action: "webhook_endpoint.disabled",
      target: { type: "webhook_endpoint", id: options.id },
      data: { after: { status: "disabled", reason: options.reason } },
    });
    const recipients = await listAlertRecipients(tx, {
      partnerId: endpoint.partnerId,
      kind: "webhook_endpoint_disabled",
    });
    await queueMail(
      tx,
      recipients.map((to) =>
        webhookEndpointDisabledMail({
          to,
          url: endpoint.url,
          endpointId: options.id,
          reason: options.reason,
          partnerId: endpoint.partnerId,
          dedupeKey: `webhook-disabled:${options.id}:${at.getTime()}:${to}`,
        }),
      ),
    );
    return true;
  });
}

/**
 * A `webhook.test` event for this endpoint only: the event is born dispatched with its single delivery, so the
 * dispatcher never fans it out to the partner's other endpoints.
 */
export async function sendTestEvent(options: { partnerId: string; id: string; now?: Date }) {
  const endpoint = await getEndpointOrThrow(options);
  if (endpoint.status !== "enabled") {
    throw new AppError("conflict", "The endpoint is disabled; re-enable it before sending a test event.");
  }
  const now = options.now ?? new Date();
  const event = buildEventRow({
    partnerId: options.partnerId,
    type: "webhook.test",
    data: { endpoint_id: endpoint.id, message: "Test event sent from Portico." },
    at: now,
  });
  const deliveryId = createId("dlv");
  await getDb().$transaction([
    getDb().event.create({ data: { ...event, dispatchedAt: now } }),
    getDb().webhookDelivery.create({
      data: {
        id: deliveryId,
        endpointId: endpoint.id,
        eventId: event.id,
        eventType: event.type,
        nextAttemptAt: now,
        createdAt: now,
      },
    }),
  ]);
  return { event_id: event.id, delivery_id: deliveryId };
}

/** The secrets that sign right now: the current one, plus the previous one during its overlap. */
export function readSigningSecrets(
  row: Pick<EndpointRow, "secretCiphertext" | "previousSecretCiphertext" | "previousSecretExpiresAt">,
  now: Date = new Date(),
): string[] {
  const secrets = [decryptSecret(row.secretCiphertext)];
  if (row.previousSecretCiphertext && row.previousSecretExpiresAt && row.previousSecretExpiresAt > now) {
    secrets.push(decryptSecret(row.previousSecretCiphertext));
  }
  return secrets;
}
