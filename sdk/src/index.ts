/// <reference types="node" preserve="true" />
// @portico/partner-sdk: Portico's management API client and the partner side of every integration (node built-ins
// only, no runtime dependencies).
export { type AuthorizeResponse, createAuthorizeResponse, signServiceTimestamp } from "./authorize.js";
export {
  type AuthorizationCallback,
  type CallbackValidatorOptions,
  constantTimeEqual,
  parseAuthorizationCallback,
  validateAuthorizationCallback,
} from "./callbacks.js";
export {
  type AcceptedInvitation,
  type AcceptInvitationOptions,
  acceptInvitation,
} from "./client/accept-invitation.js";
export {
  type ApiPath,
  type HttpMethod,
  type MethodOf,
  type Operation,
  parseRetryAfter,
  type RequestOptions,
  type RetryOptions,
  type SuccessBody,
} from "./client/http.js";
export {
  type ApiToken,
  type AuditEvent,
  type CreatedApiToken,
  type CreatedInvitation,
  type CreatedService,
  createPorticoClient,
  type Invitation,
  type IssuedToken,
  type Member,
  type PorticoClient,
  type PorticoClientOptions,
  type Service,
  type ServiceCheck,
  type Transaction,
  type WebhookDelivery,
  type WebhookDeliveryDetail,
  type WebhookEndpoint,
  type WebhookEndpointWithSecret,
} from "./client/index.js";
export { type Page, PageRequest } from "./client/pagination.js";
export type { RedemptionFailureReason, RedemptionResult } from "./client/redemption-result.js";
export { type CookieOptions, createEndOfDayCookie, parseCookies, serializeCookie } from "./cookies.js";
export { endOfDay, formatInTimeZone, localDate } from "./end-of-day.js";
export {
  type ApiErrorIssue,
  BodyTooLargeError,
  PorticoApiError,
  PorticoConnectionError,
  PorticoError,
  WebhookVerificationError,
} from "./errors.js";
export {
  PORTICO_EVENT_TYPES,
  type PorticoEvent,
  type PorticoEventOf,
  type PorticoEventType,
} from "./generated/events.js";
export type { components, paths } from "./generated/openapi.js";
export {
  createAuthorizeHandler,
  createCallbackHandler,
  createLoginHandler,
  createTokenEndpointHandler,
  createWebhookHandler,
  type FetchHandler,
  type LoginHandlerOptions,
  readRequestBody,
  type WebhookHandlerOptions,
} from "./handlers.js";
export { readServicesToken, stripServicesToken } from "./login.js";
export {
  type NodeHandler,
  readRawBody,
  sendFetchResponse,
  sendJson,
  toFetchRequest,
  toNodeHandler,
} from "./node.js";
export {
  type AccessTokenRecord,
  type AccessTokenStore,
  type ClientCredentialsIssuer,
  type ClientCredentialsIssuerOptions,
  createClientCredentialsIssuer,
  createMemoryTokenStore,
  type TokenEndpointResult,
} from "./oauth.js";
export { DEFAULT_TOLERANCE_SECONDS, signWebhook, type VerifiedWebhook, verifyWebhook } from "./webhooks.js";
