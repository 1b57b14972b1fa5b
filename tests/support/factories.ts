// Small factories that seed the test run's database directly through lib/ (the same code the server runs).
import { randomBytes } from "node:crypto";
import { createApiToken, revokeApiToken } from "@/lib/auth/api-tokens";
import { getDb } from "@/lib/db/client";
import type { EventData, EventType } from "@/lib/events/catalog";
import { recordEvent } from "@/lib/events/outbox";
import { createPartnerAccount } from "@/lib/partners/partners";

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
