// @portico/partner-sdk: the partner side of every Portico integration, node built-ins only.
export { type AuthorizeResponse, createAuthorizeResponse, signServiceTimestamp } from "./authorize.ts";
export {
  type AuthorizationCallback,
  type CallbackValidatorOptions,
  constantTimeEqual,
  parseAuthorizationCallback,
  validateAuthorizationCallback,
} from "./callbacks.ts";
export { type CookieOptions, createEndOfDayCookie, parseCookies, serializeCookie } from "./cookies.ts";
export { endOfDay, formatInTimeZone, localDate } from "./end-of-day.ts";
export {
  BodyTooLargeError,
  createAuthorizeHandler,
  createCallbackHandler,
  createTokenEndpointHandler,
  createWebhookHandler,
  type NodeHandler,
  readRawBody,
  sendJson,
} from "./node.ts";
export { createClientCredentialsIssuer, type TokenEndpointResult } from "./oauth.ts";
export {
  createRedemptionClient,
  type RedemptionClientOptions,
  type RedemptionResult,
  readServicesToken,
  stripServicesToken,
} from "./redemption.ts";
export {
  DEFAULT_TOLERANCE_SECONDS,
  signWebhook,
  type VerifiedWebhook,
  verifyWebhook,
  WebhookVerificationError,
} from "./webhooks.ts";
