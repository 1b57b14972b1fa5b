// Standard Webhooks (https://www.standardwebhooks.com), as Portico signs its deliveries (webhook contract):
//   webhook-signature: "v1,<base64(HMAC-SHA256(key, `${webhook-id}.${webhook-timestamp}.${body}`))>" (space-separated list)
// where key = base64-decoded secret after its `whsec_` prefix. Timestamps outside ±5 min are refused (replays).
// Several secrets may be given: during a rotation Portico signs with the new and the previous secret for 24 h, and a
// receiver that knows both keeps accepting deliveries whichever it has switched to.
import { createHmac, timingSafeEqual } from "node:crypto";
import { WebhookVerificationError } from "./errors.js";
import type { PorticoEvent } from "./generated/events.js";

export const DEFAULT_TOLERANCE_SECONDS = 300;

type HeaderBag = Headers | Record<string, string | string[] | undefined>;

function readHeader(headers: HeaderBag, name: string): string | undefined {
  if (typeof (headers as Headers).get === "function") return (headers as Headers).get(name) ?? undefined;
  const record = headers as Record<string, string | string[] | undefined>;
  const value = record[name] ?? record[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

function decodeSecret(secret: string): Buffer {
  const encoded = secret.startsWith("whsec_") ? secret.slice("whsec_".length) : secret;
  const key = Buffer.from(encoded, "base64");
  if (key.length === 0) throw new TypeError("Empty webhook secret.");
  return key;
}

export function signWebhook(options: { secret: string; id: string; timestamp: number; body: string | Buffer }): string {
  const mac = createHmac("sha256", decodeSecret(options.secret))
    .update(`${options.id}.${options.timestamp}.`)
    .update(options.body)
    .digest("base64");
  return `v1,${mac}`;
}

export interface VerifiedWebhook<T = PorticoEvent> {
  id: string;
  timestamp: number;
  payload: T;
}

/**
 * Verifies a delivery and returns its parsed JSON payload; throws WebhookVerificationError otherwise.
 * Pass the raw body exactly as received: re-serialised JSON will not match. Deduplicate on `id` (retries repeat it).
 */
export function verifyWebhook<T = PorticoEvent>(options: {
  /** The endpoint's `whsec_…` secret, or several (current and previous) while rotating. */
  secret: string | readonly string[];
  headers: HeaderBag;
  body: string | Buffer;
  now?: Date;
  toleranceSeconds?: number;
}): VerifiedWebhook<T> {
  const id = readHeader(options.headers, "webhook-id");
  const timestampHeader = readHeader(options.headers, "webhook-timestamp");
  const signatures = readHeader(options.headers, "webhook-signature");
  if (!id || !timestampHeader || !signatures)
    throw new WebhookVerificationError(
      "missing_headers",
      "Missing webhook-id, webhook-timestamp or webhook-signature.",
    );
  if (!/^\d+$/.test(timestampHeader))
    throw new WebhookVerificationError("invalid_timestamp", "Invalid webhook-timestamp.");
  const timestamp = Number(timestampHeader);
  const nowSeconds = Math.floor((options.now ?? new Date()).getTime() / 1000);
  const tolerance = options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
  if (timestamp < nowSeconds - tolerance)
    throw new WebhookVerificationError("timestamp_out_of_range", "Message timestamp too old.");
  if (timestamp > nowSeconds + tolerance)
    throw new WebhookVerificationError("timestamp_out_of_range", "Message timestamp too new.");

  const secrets = typeof options.secret === "string" ? [options.secret] : options.secret;
  if (secrets.length === 0) throw new TypeError("verifyWebhook: no secret given.");
  const expected = secrets.map((secret) =>
    Buffer.from(signWebhook({ secret, id, timestamp, body: options.body }).slice(3), "base64"),
  );
  let matched = false;
  // Several signatures may be sent (Portico signs with both secrets during a rotation); any v1 match is enough.
  for (const candidate of signatures.split(" ")) {
    const [version, value] = candidate.split(",", 2);
    if (version !== "v1" || !value) continue;
    const given = Buffer.from(value, "base64");
    for (const mac of expected) if (given.length === mac.length && timingSafeEqual(given, mac)) matched = true;
  }
  if (!matched) throw new WebhookVerificationError("invalid_signature", "No matching signature.");
  const text = typeof options.body === "string" ? options.body : options.body.toString("utf8");
  let payload: T;
  try {
    payload = JSON.parse(text) as T;
  } catch {
    throw new WebhookVerificationError("invalid_body", "Body is not JSON.");
  }
  return { id, timestamp, payload };
}
