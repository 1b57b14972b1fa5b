// The callback verification contract authorization token: `Authorization: <token_type> <access_token>`, e.g. `Bearer 123456789`.
import { AppError } from "@/lib/errors";
import { MAX_ACCESS_TOKEN_LENGTH } from "./schemas";

export interface DeviceCredentials {
  tokenType: string;
  accessToken: string;
}

// RFC 7235 allows one or more spaces between scheme and credentials; anything after the token is a third word.
// The access token is opaque (partners mint it), so any visible ASCII is accepted.
const HEADER_PATTERN = /^([A-Za-z0-9_-]{1,64})[ \t]+([\x21-\x7E]+)$/;

/** Parses the device's Authorization header; a malformed one is a 401 before any callback is made. */
export function parseAuthorizationHeader(value: string | null): DeviceCredentials {
  const trimmed = value?.trim() ?? "";
  const fail = (message: string) =>
    new AppError("unauthorized", message, { headers: { "WWW-Authenticate": 'Bearer realm="portico-certify"' } });
  if (!trimmed) throw fail("Send the device's token as Authorization: <token_type> <access_token>.");
  const [, tokenType, accessToken] = HEADER_PATTERN.exec(trimmed) ?? [];
  if (!tokenType || !accessToken) {
    throw fail("Malformed Authorization header: expected <token_type> <access_token>, e.g. Bearer 123456789.");
  }
  if (accessToken.length > MAX_ACCESS_TOKEN_LENGTH) {
    throw fail(`The access token must be at most ${MAX_ACCESS_TOKEN_LENGTH} characters.`);
  }
  // token_type is forwarded as the device sent it: the partner's A&A service issued it and compares it.
  return { tokenType, accessToken };
}
