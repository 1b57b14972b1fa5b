// The one request Portico makes to a partner's A&A service (callback verification contract "HTTP Request").
import { fetchOutbound, type OutboundResponse } from "@/lib/http/outbound";

export const CALLBACK_TIMEOUT_MS = 5000;
// The contract does not use the answer's body; a small cap keeps a misbehaving endpoint from costing us memory.
const MAX_RESPONSE_BYTES = 16 * 1024;

export interface PartnerCallInput {
  url: string;
  apiUser: string;
  apiPassword: string;
  tokenType: string;
  accessToken: string;
  userIdentifier?: string | null;
}

/** The body exactly as the contract lists it. The setting is called api_password, the field api_secret. */
export function buildCallbackBody(input: Omit<PartnerCallInput, "url">): Record<string, string> {
  const body: Record<string, string> = {
    api_user: input.apiUser,
    api_secret: input.apiPassword,
    access_token: input.accessToken,
    token_type: input.tokenType,
  };
  // "only present if the client application provides a valid value"
  if (input.userIdentifier) body.user_identifier = input.userIdentifier;
  return body;
}

/** POSTs to the partner. Throws OutboundError on timeout, blocked target or network failure. No redirects. */
export function callPartner(input: PartnerCallInput): Promise<OutboundResponse> {
  return fetchOutbound({
    url: input.url,
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json" },
    body: JSON.stringify(buildCallbackBody(input)),
    timeoutMs: CALLBACK_TIMEOUT_MS,
    maxResponseBytes: MAX_RESPONSE_BYTES,
    // A redirect could carry api_secret to another URL; the partner configures the final one instead.
    followRedirects: 0,
  });
}
