// Small factories that seed the test run's database directly through lib/ (the same code the server runs).
import { randomBytes } from "node:crypto";
import { createApiToken, revokeApiToken } from "@/lib/auth/api-tokens";
import { getDb } from "@/lib/db/client";
import type { EventData, EventType } from "@/lib/events/catalog";
import { recordEvent } from "@/lib/events/outbox";
import { acceptInvitationAsNewUser, createInvitation } from "@/lib/members/invitations";
import type { PartnerRole } from "@/lib/members/roles";
import { createPartnerAccount } from "@/lib/partners/partners";
import { recordSecret } from "./secrets-ledger";

export function uniqueEmail(label = "partner"): string {
  return `${label}-${randomBytes(5).toString("hex")}@example.test`;
}

export async function createPartner(options: { approve?: boolean; timeZone?: string } = {}) {
  const email = uniqueEmail();
  const password = "correct horse battery staple";
  const account = await createPartnerAccount({
    email,
    password,
    name: "Test Partner",
    approve: options.approve ?? true,
    timeZone: options.timeZone,
  });
  const token = await createApiToken({ partnerId: account.partnerId, name: "tests" });
  recordSecret(password);
  recordSecret(token.token);
  return { ...account, email, password, apiToken: token.token, apiTokenId: token.id };
}

export { revokeApiToken };

/** A payload of each event type, valid against the catalog; `label` makes it distinct. */
export function sampleEventData<T extends EventType>(type: T, label = "sample"): EventData<T> {
  const at = new Date().toISOString();
  const samples: { [K in EventType]: EventData<K> } = {
    "service.status_changed": {
      id: `svc_${label}`,
      service_id: label,
      checked_at: at,
      previous_status: "unknown",
      status: "live",
      error: null,
    },
    "service.version_changed": {
      id: `svc_${label}`,
      service_id: label,
      checked_at: at,
      previous_version: null,
      version: "1.0.0",
      versioned_url: "https://app.example.test/1.0.0/",
    },
    "login.redeemed": {
      login_id: `lgn_${label}`,
      service_id: label,
      service_name: "Sample",
      internal_email_address: "user@example.test",
      redeemed_at: at,
    },
    "transaction.verified": { xid: label, phone_number: "+447911123456", verified_at: at },
    "webhook.test": { endpoint_id: `whe_${label}`, message: label },
    "service.updated": { id: `svc_${label}`, service_id: label, changed: ["name"], state: "draft" },
    "service.deleted": { id: `svc_${label}`, service_id: label, name: label },
    "webhook_endpoint.updated": { id: `whe_${label}`, changed: ["url"] },
    "webhook_endpoint.disabled": { id: `whe_${label}`, reason: label },
    "webhook_endpoint.enabled": { id: `whe_${label}` },
    "webhook_endpoint.deleted": { id: `whe_${label}` },
    "api_token.created": { id: `tok_${label}`, name: label },
    "api_token.revoked": { id: `tok_${label}` },
  };
  return samples[type];
}

/** Writes an event to the outbox as the capabilities do (recordEvent); returns its id. */
export function recordSampleEvent(options: { partnerId: string; type: EventType; label?: string }): Promise<string> {
  return recordEvent(getDb(), {
    partnerId: options.partnerId,
    type: options.type,
    data: sampleEventData(options.type, options.label),
  });
}

/** A member of the partner with `role`, joined through an invitation as a new account (the accept route's path). */
export async function createMember(options: { partnerId: string; role: PartnerRole }) {
  const email = uniqueEmail(options.role);
  const password = "correct horse battery staple";
  const invitation = await createInvitation({ partnerId: options.partnerId, email, role: options.role });
  const token = new URL(invitation.accept_url).pathname.split("/").at(-1) ?? "";
  const { user_id: userId } = await acceptInvitationAsNewUser({ token, name: `A ${options.role}`, password });
  return { email, password, userId };
}

/** An extra API token of the partner with the given role (as an owner would create it). */
export async function createRoleToken(options: { partnerId: string; role: PartnerRole }): Promise<string> {
  return (await createApiToken({ partnerId: options.partnerId, name: `${options.role} token`, role: options.role }))
    .token;
}

/** A monitored service row whose scheduled check is a day away, so only checks a test asks for run. */
export async function createMonitoredServiceRow(options: {
  partnerId: string;
  url: string;
  serviceId: string;
  secret: string;
}) {
  const { encryptSecret } = await import("@/lib/crypto/encryption");
  const { createId } = await import("@/lib/crypto/random");
  return getDb().service.create({
    data: {
      id: createId("svc"),
      partnerId: options.partnerId,
      serviceId: options.serviceId,
      name: "Monitored",
      url: options.url,
      secretCiphertext: encryptSecret(options.secret),
      checkIntervalSeconds: 3600,
      nextCheckAt: new Date(Date.now() + 86_400_000),
      createdAt: new Date(Date.now() - 3600_000), // past the first-check grace period
    },
  });
}
