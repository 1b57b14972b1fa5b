// createPorticoClient: Portico's management API, one method per route, typed from the generated OpenAPI types.
// Routes without a named method yet are reachable, typed, through `client.request(method, path, options)`.
import { PorticoApiError } from "../errors.js";
import type { components, paths } from "../generated/openapi.js";
import { acceptInvitation } from "./accept-invitation.js";
import { createHttpClient, type HttpClientOptions, type RequestOptions } from "./http.js";
import { PageRequest } from "./pagination.js";
import { type RedemptionResult, toRedemptionFailure } from "./redemption-result.js";

type Schemas = components["schemas"];
type Query<P extends keyof paths> = NonNullable<RequestOptions<NonNullable<paths[P]["get"]>>["query"]>;
type CallOptions = { signal?: AbortSignal };

export type Service = Schemas["Service"];
export type CreatedService = Schemas["CreatedService"];
export type ServiceCheck = Schemas["ServiceCheck"];
export type WebhookEndpoint = Schemas["WebhookEndpoint"];
export type WebhookEndpointWithSecret = Schemas["WebhookEndpointWithSecret"];
export type WebhookDelivery = Schemas["WebhookDelivery"];
export type WebhookDeliveryDetail = Schemas["WebhookDeliveryDetail"];
export type Transaction = Schemas["Transaction"];
export type ApiToken = Schemas["ApiToken"];
export type CreatedApiToken = Schemas["CreatedApiToken"];
export type Member = Schemas["Member"];
export type Invitation = Schemas["Invitation"];
export type CreatedInvitation = Schemas["CreatedInvitation"];
export type AuditEvent = Schemas["AuditEvent"];
export type PorticoClientOptions = HttpClientOptions & { apiToken: string };

/** What `tokens.issue` answers: the JWT and the claims a caller usually needs without decoding it. */
export interface IssuedToken {
  token: string;
  xid: string;
  phoneNumber: string;
  issuedAt: Date;
  expiresAt: Date;
}

function readJwtClaims(token: string): Record<string, unknown> {
  const payload = token.split(".")[1] ?? "";
  try {
    return JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as Record<string, unknown>;
  } catch {
    return {};
  }
}

export function createPorticoClient(options: PorticoClientOptions) {
  if (!options.apiToken) throw new TypeError("createPorticoClient: apiToken is required.");
  const http = createHttpClient(options);
  const { request } = http;

  const services = {
    list: (call: CallOptions = {}) => request("get", "/api/v1/services", call),
    get: (id: string, call: CallOptions = {}) => request("get", "/api/v1/services/{id}", { path: { id }, ...call }),
    create: (body: Schemas["CreateServiceRequest"], call: CallOptions = {}) =>
      request("post", "/api/v1/services", { body, ...call }),
    /** Runs one `/authorize` check now and answers its record (a failed check is an outcome, not an error). */
    check: (id: string, call: CallOptions = {}) =>
      request("post", "/api/v1/services/{id}/check", { path: { id }, ...call }),
    /** Newest first; `await` for one page or `for await` for all. */
    listChecks: (id: string, query: Omit<Query<"/api/v1/services/{id}/checks">, "cursor"> = {}) =>
      new PageRequest<ServiceCheck, Schemas["ServiceCheckList"]>((cursor) =>
        request("get", "/api/v1/services/{id}/checks", { path: { id }, query: { ...query, cursor } }),
      ),
    /**
     * Only the fields given change; a new `url` or interval is checked at once. A new `url` of a published service
     * sends it back to review (`state: "submitted"`): end users cannot open it until an admin publishes it again.
     */
    update: (id: string, body: Schemas["UpdateServiceRequest"], call: CallOptions = {}) =>
      request("patch", "/api/v1/services/{id}", { path: { id }, body, ...call }),
    /**
     * Gone for every caller at once: `get` and certify answer 404, checks stop, its unredeemed one-time login tokens
     * are refused. Another partner's (or an unknown) id is a 404.
     */
    delete: (id: string, call: CallOptions = {}) =>
      request("delete", "/api/v1/services/{id}", { path: { id }, ...call }),
  };

  const callbacks = {
    get: (serviceId: string, call: CallOptions = {}) =>
      request("get", "/api/v1/services/{id}/callback", { path: { id: serviceId }, ...call }),
    configure: (serviceId: string, body: Schemas["PutCallbackConfigRequest"], call: CallOptions = {}) =>
      request("put", "/api/v1/services/{id}/callback", { path: { id: serviceId }, body, ...call }),
    regenerateDevelopmentToken: (serviceId: string, call: CallOptions = {}) =>
      request("post", "/api/v1/services/{id}/callback/development-token", { path: { id: serviceId }, ...call }),
    listLogs: (serviceId: string, query: Query<"/api/v1/services/{id}/callback/logs"> = {}) =>
      request("get", "/api/v1/services/{id}/callback/logs", { path: { id: serviceId }, query }),
    /** Portico sends your A&A endpoint a request with a random access token: answer 200 only for tokens you know. */
    test: (serviceId: string, call: CallOptions = {}) =>
      request("post", "/api/v1/services/{id}/callback/test", { path: { id: serviceId }, ...call }),
  };

  const webhookEndpoints = {
    list: (call: CallOptions = {}) => request("get", "/api/v1/webhook-endpoints", call),
    get: (id: string, call: CallOptions = {}) =>
      request("get", "/api/v1/webhook-endpoints/{id}", { path: { id }, ...call }),
    /** The answer's `secret` (whsec_…) is shown only here: store it for your webhook verifier. */
    create: (body: Schemas["CreateWebhookEndpointRequest"], call: CallOptions = {}) =>
      request("post", "/api/v1/webhook-endpoints", { body, ...call }),
    update: (id: string, body: Schemas["UpdateWebhookEndpointRequest"], call: CallOptions = {}) =>
      request("patch", "/api/v1/webhook-endpoints/{id}", { path: { id }, body, ...call }),
    /** Deletes it with its delivery log: nothing more is sent to it, pending deliveries included. */
    delete: (id: string, call: CallOptions = {}) =>
      request("delete", "/api/v1/webhook-endpoints/{id}", { path: { id }, ...call }),
    /**
     * Pauses the endpoint: new events skip it, pending deliveries wait, a test event answers 409. `reason` is shown as
     * `disabled_reason` (default "Disabled by hand.").
     */
    disable: (id: string, body: Schemas["DisableWebhookEndpointRequest"] = {}, call: CallOptions = {}) =>
      request("post", "/api/v1/webhook-endpoints/{id}/disable", { path: { id }, body, ...call }),
    /** Resumes a disabled endpoint (also one Portico disabled after repeated failures). */
    enable: (id: string, call: CallOptions = {}) =>
      request("post", "/api/v1/webhook-endpoints/{id}/enable", { path: { id }, ...call }),
    /** The previous secret keeps signing for 24 h: verify with both meanwhile (`secret: [new, old]`). */
    rotateSecret: (id: string, call: CallOptions = {}) =>
      request("post", "/api/v1/webhook-endpoints/{id}/rotate-secret", { path: { id }, ...call }),
    sendTestEvent: (id: string, call: CallOptions = {}) =>
      request("post", "/api/v1/webhook-endpoints/{id}/test", { path: { id }, ...call }),
    listDeliveries: (id: string, query: Omit<Query<"/api/v1/webhook-endpoints/{id}/deliveries">, "cursor"> = {}) =>
      new PageRequest<WebhookDelivery, Schemas["WebhookDeliveryList"]>((cursor) =>
        request("get", "/api/v1/webhook-endpoints/{id}/deliveries", { path: { id }, query: { ...query, cursor } }),
      ),
    /**
     * One delivery with its payload as sent and signed, the request headers (Authorization masked) and every attempt,
     * oldest first, with the receiver's status, duration, error, headers and first 4 KiB of body.
     */
    getDelivery: (id: string, deliveryId: string, call: CallOptions = {}) =>
      request("get", "/api/v1/webhook-endpoints/{id}/deliveries/{deliveryId}", { path: { id, deliveryId }, ...call }),
    listAttempts: (id: string, deliveryId: string, call: CallOptions = {}) =>
      request("get", "/api/v1/webhook-endpoints/{id}/deliveries/{deliveryId}/attempts", {
        path: { id, deliveryId },
        ...call,
      }),
    replayDelivery: (id: string, deliveryId: string, call: CallOptions = {}) =>
      request("post", "/api/v1/webhook-endpoints/{id}/deliveries/{deliveryId}/replay", {
        path: { id, deliveryId },
        ...call,
      }),
  };

  const tokens = {
    /** Issues a phone JWT (valid about 80 s from now: `iat` is back-dated 10 s, `exp` = iat + 90 s). */
    async issue(input: { phoneNumber: string; xid?: string }, call: CallOptions = {}): Promise<IssuedToken> {
      const token = input.xid
        ? await request("get", "/api/v1/token/{phone_number}/{xid}", {
            path: { phone_number: input.phoneNumber, xid: input.xid },
            ...call,
          })
        : await request("get", "/api/v1/token/{phone_number}", { path: { phone_number: input.phoneNumber }, ...call });
      const claims = readJwtClaims(token);
      return {
        token,
        xid: String(claims.xid ?? input.xid ?? ""),
        phoneNumber: String(claims.phn ?? input.phoneNumber),
        issuedAt: new Date(Number(claims.iat ?? 0) * 1000),
        expiresAt: new Date(Number(claims.exp ?? 0) * 1000),
      };
    },
    verify: (token: string, call: CallOptions = {}) =>
      request("post", "/api/v1/token/verify", { body: { token }, ...call }),
  };

  const transactions = {
    get: (xid: string, call: CallOptions = {}) =>
      request("get", "/api/v1/transactions/{xid}", { path: { xid }, ...call }),
  };

  const apiTokens = {
    /** Newest first, never the tokens themselves (`last_four` tells them apart). */
    list: (query: Query<"/api/v1/api-tokens"> = {}, call: CallOptions = {}) =>
      request("get", "/api/v1/api-tokens", { query, ...call }),
    /** The answer's `token` (ptk_…) is shown only here; without `expires_in_days` it never expires. */
    create: (body: Schemas["CreateApiTokenRequest"], call: CallOptions = {}) =>
      request("post", "/api/v1/api-tokens", { body, ...call }),
    /** From this answer on every route refuses the token (401), the one making this call included. */
    revoke: (id: string, call: CallOptions = {}) =>
      request("delete", "/api/v1/api-tokens/{id}", { path: { id }, ...call }),
  };

  const members = {
    list: (call: CallOptions = {}) => request("get", "/api/v1/members", call),
    /** Owners only. The last owner cannot be demoted (409). */
    updateRole: (userId: string, role: Schemas["UpdateMemberRequest"]["role"], call: CallOptions = {}) =>
      request("patch", "/api/v1/members/{user_id}", { path: { user_id: userId }, body: { role }, ...call }),
    /** Ends the member's browser sessions at once. The last owner cannot be removed (409). */
    remove: (userId: string, call: CallOptions = {}) =>
      request("delete", "/api/v1/members/{user_id}", { path: { user_id: userId }, ...call }),
  };

  const invitations = {
    /** `accept_url` is shown only here (and e-mailed when Portico has SMTP): its last segment is the secret. */
    create: (body: Schemas["CreateInvitationRequest"], call: CallOptions = {}) =>
      request("post", "/api/v1/invitations", { body, ...call }),
    list: (call: CallOptions = {}) => request("get", "/api/v1/invitations", call),
    revoke: (id: string, call: CallOptions = {}) =>
      request("delete", "/api/v1/invitations/{id}", { path: { id }, ...call }),
    /**
     * Invitee side: the invitation token is the credential, no API token is sent. Single use.
     * @deprecated Use `acceptInvitation({ baseUrl, token, name, password })`, which needs no API token to construct.
     */
    accept: (token: string, body: Schemas["AcceptInvitationRequest"], call: CallOptions = {}) =>
      acceptInvitation({ ...options, ...body, ...call, token }),
  };

  const auditEvents = {
    /** Newest first, your partner's only; `await` for one page or `for await` for all. */
    list: (query: Omit<Query<"/api/v1/audit-events">, "cursor"> = {}) =>
      new PageRequest<AuditEvent, Schemas["AuditEventList"]>((cursor) =>
        request("get", "/api/v1/audit-events", { query: { ...query, cursor } }),
      ),
  };

  const login = {
    /**
     * Trades the `?services=<token>` a user arrived with for their e-mail, once. Refusals a user can cause are a
     * result (`ok: false` with a `reason`); a bad API token or an unreachable Portico throws.
     */
    async redeem(servicesToken: string, call: CallOptions = {}): Promise<RedemptionResult> {
      if (!servicesToken) return { ok: false, reason: "unknown", message: "No one-time login token." };
      try {
        const body = await request("get", "/api/authorization/{services_token}", {
          path: { services_token: servicesToken },
          ...call,
        });
        return {
          ok: true,
          email: body.internal_email_address,
          sessionExpiresAt: new Date(body.session_expires_at),
        };
      } catch (error) {
        const failure = error instanceof PorticoApiError ? toRedemptionFailure(error) : null;
        if (failure) return failure;
        throw error;
      }
    },
  };

  /**
   * Device-side: certify a device's access token for a service (callback verification contract). Sent with the device's token, not the API
   * token. Answers `{certified: true}`; a refusal throws PorticoApiError `not_certified` (403).
   */
  const certify = (
    input: { serviceId: string; accessToken: string; tokenType?: string; userIdentifier?: string },
    call: CallOptions = {},
  ) =>
    request("post", "/api/v1/certify", {
      anonymous: true,
      headers: { authorization: `${input.tokenType ?? "Bearer"} ${input.accessToken}` },
      body: { service_id: input.serviceId, user_identifier: input.userIdentifier },
      ...call,
    });

  return {
    services,
    callbacks,
    webhookEndpoints,
    tokens,
    transactions,
    apiTokens,
    members,
    invitations,
    auditEvents,
    login,
    certify,
    /** Any route of the document, typed: `client.request("get", "/api/v1/services/{id}", { path: { id } })`. */
    request,
  };
}

export type PorticoClient = ReturnType<typeof createPorticoClient>;
