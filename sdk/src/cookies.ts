// Session cookies that end with the partner's day (one-time login contract: "services_cookie, active until the end of the current day").
import { endOfDay } from "./end-of-day.js";

export interface CookieOptions {
  expires?: Date;
  path?: string;
  httpOnly?: boolean;
  secure?: boolean;
  sameSite?: "Strict" | "Lax" | "None";
  domain?: string;
}

const COOKIE_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

export function serializeCookie(
  name: string,
  value: string,
  options: CookieOptions = {},
  now: Date = new Date(),
): string {
  if (!COOKIE_NAME.test(name)) throw new TypeError(`Invalid cookie name: ${name}`);
  const parts = [`${name}=${encodeURIComponent(value)}`];
  if (options.expires) {
    // Expires only: Max-Age would win where both are understood, but it is relative to the browser's clock, so the
    // cookie would no longer end exactly when the partner's day ends.
    parts.push(`Expires=${options.expires.toUTCString()}`);
    if (options.expires <= now) parts.push("Max-Age=0");
  }
  if (options.domain) parts.push(`Domain=${options.domain}`);
  parts.push(`Path=${options.path ?? "/"}`);
  if (options.httpOnly ?? true) parts.push("HttpOnly");
  if (options.secure) parts.push("Secure");
  parts.push(`SameSite=${options.sameSite ?? "Lax"}`);
  return parts.join("; ");
}

/**
 * A `Set-Cookie` value that expires at the end of the current day in `timeZone` — or at `notAfter` (Portico's
 * `session_expires_at`) when that comes first.
 */
export function createEndOfDayCookie(
  name: string,
  value: string,
  options: { timeZone: string; now?: Date; notAfter?: Date } & Omit<CookieOptions, "expires">,
): { header: string; expires: Date } {
  const { timeZone, now, notAfter, ...cookie } = options;
  const at = now ?? new Date();
  let expires = endOfDay(at, timeZone);
  if (notAfter && notAfter < expires) expires = notAfter;
  return { header: serializeCookie(name, value, { ...cookie, expires }, at), expires };
}

/** Cookie header → name/value map (first occurrence wins). */
export function parseCookies(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const pair of (header ?? "").split(";")) {
    const index = pair.indexOf("=");
    if (index <= 0) continue;
    const name = pair.slice(0, index).trim();
    if (cookies.has(name)) continue;
    try {
      cookies.set(name, decodeURIComponent(pair.slice(index + 1).trim()));
    } catch {
      // a malformed value is ignored rather than trusted
    }
  }
  return cookies;
}
