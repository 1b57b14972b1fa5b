// Service authorization contract: the service's `GET /authorize`. Portico checks
//   service_signature = base64(HMAC-SHA256(key = service secret, msg = service_id + str(timestamp)))
// within ±300 s of its clock, and reads `version` to bust caches (`?v=<version>`).
import { createHmac } from "node:crypto";

export interface AuthorizeResponse {
  timestamp: number;
  service_signature: string;
  version: string;
}

export function signServiceTimestamp(serviceId: string, serviceSecret: string, timestamp: number): string {
  return createHmac("sha256", Buffer.from(serviceSecret, "utf8"))
    .update(Buffer.from(`${serviceId}${timestamp}`, "utf8"))
    .digest("base64");
}

/** The JSON body `/authorize` answers with, signed for `now` (seconds since the epoch, as the contract's `int(now)`). */
export function createAuthorizeResponse(options: {
  serviceId: string;
  serviceSecret: string;
  version: string;
  now?: Date;
}): AuthorizeResponse {
  const timestamp = Math.floor((options.now ?? new Date()).getTime() / 1000);
  return {
    timestamp,
    service_signature: signServiceTimestamp(options.serviceId, options.serviceSecret, timestamp),
    version: options.version,
  };
}
