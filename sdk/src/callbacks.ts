// Callback verification contract, the partner's half: the A&A endpoint Portico POSTs to when a device asks to be certified.
//   POST application/json {api_user, api_secret, access_token, token_type, user_identifier?}
//   200 = valid; anything else = refused (the body is not read).
import { timingSafeEqual } from "node:crypto";

export interface AuthorizationCallback {
  api_user: string;
  api_secret: string;
  access_token: string;
  token_type: string;
  user_identifier?: string;
}

export type CallbackParseResult = { ok: true; value: AuthorizationCallback } | { ok: false; message: string };

const REQUIRED = ["api_user", "api_secret", "access_token", "token_type"] as const;

export function parseAuthorizationCallback(body: unknown): CallbackParseResult {
  if (typeof body !== "object" || body === null || Array.isArray(body))
    return { ok: false, message: "Body must be a JSON object." };
  const record = body as Record<string, unknown>;
  for (const field of REQUIRED) {
    if (typeof record[field] !== "string" || record[field] === "")
      return { ok: false, message: `${field} is required.` };
  }
  if (
    record.user_identifier !== undefined &&
    record.user_identifier !== null &&
    typeof record.user_identifier !== "string"
  ) {
    return { ok: false, message: "user_identifier must be a string." };
  }
  const value: AuthorizationCallback = {
    api_user: record.api_user as string,
    api_secret: record.api_secret as string,
    access_token: record.access_token as string,
    token_type: record.token_type as string,
  };
  if (typeof record.user_identifier === "string") value.user_identifier = record.user_identifier;
  return { ok: true, value };
}

export function constantTimeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, "utf8");
  const right = Buffer.from(b, "utf8");
  if (left.length !== right.length) {
    // Still do the work of a comparison, so a length mismatch is not faster than a content mismatch.
    timingSafeEqual(left, left);
    return false;
  }
  return timingSafeEqual(left, right);
}

export interface CallbackValidatorOptions {
  /** The api_user / api_password configured for the service in Portico. */
  apiUser: string;
  apiSecret: string;
  /** Your own check of the device's OAuth2 access token (e.g. your token store). */
  verifyAccessToken: (token: {
    accessToken: string;
    tokenType: string;
    userIdentifier?: string;
  }) => boolean | Promise<boolean>;
}

/** Decides the HTTP status to answer Portico with: 200 valid, 400 malformed, 401 bad credentials or token. */
export async function validateAuthorizationCallback(
  body: unknown,
  options: CallbackValidatorOptions,
): Promise<{ status: 200 | 400 | 401; message: string; callback?: AuthorizationCallback }> {
  const parsed = parseAuthorizationCallback(body);
  if (!parsed.ok) return { status: 400, message: parsed.message };
  const callback = parsed.value;
  // Both comparisons always run (no short-circuit), so timing does not tell which one failed.
  const userOk = constantTimeEqual(callback.api_user, options.apiUser);
  const secretOk = constantTimeEqual(callback.api_secret, options.apiSecret);
  const credentialsOk = userOk && secretOk;
  if (!credentialsOk) return { status: 401, message: "Unknown api_user or api_secret." };
  if (callback.token_type.toLowerCase() !== "bearer")
    return { status: 401, message: "Only Bearer tokens are accepted." };
  const valid = await options.verifyAccessToken({
    accessToken: callback.access_token,
    tokenType: callback.token_type,
    userIdentifier: callback.user_identifier,
  });
  return valid
    ? { status: 200, message: "Valid", callback }
    : { status: 401, message: "Access token refused.", callback };
}
