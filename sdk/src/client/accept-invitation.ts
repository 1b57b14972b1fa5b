// The invitee's side of a team invitation: no API token exists yet, the invitation token is the credential.
import type { components } from "../generated/openapi.js";
import { createHttpClient, type HttpClientOptions } from "./http.js";

type Schemas = components["schemas"];
export type AcceptedInvitation = Schemas["AcceptedInvitation"];

export type AcceptInvitationOptions = Omit<HttpClientOptions, "apiToken"> &
  Schemas["AcceptInvitationRequest"] & {
    /** The last path segment of the invitation's `accept_url` (`<origin>/invite/<token>`). */
    token: string;
    signal?: AbortSignal;
  };

/**
 * Creates the account for the invited e-mail and answers `{ user_id }`; the new user then signs in as usual and is a
 * member with the invited role. Single use: an unknown token is a PorticoApiError 404; a used, revoked or expired
 * (7 days) one 410; an e-mail that already has an account 409 (that person opens `accept_url` in the browser instead).
 */
export function acceptInvitation(options: AcceptInvitationOptions): Promise<AcceptedInvitation> {
  const { token, name, password, signal, ...httpOptions } = options;
  return createHttpClient(httpOptions).request("post", "/api/invitations/{token}/accept", {
    path: { token },
    body: { name, password },
    signal,
    anonymous: true, // even when a JavaScript caller passes an apiToken
  });
}
