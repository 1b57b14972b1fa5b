import { inject } from "vitest";
import { signInAt } from "./credentials-sign-in";

/** Signs in through next-auth's credentials endpoint, as a script would (contract: "Browser sessions"). */
export function signInWithPassword(options: { email: string; password: string; ip?: string }) {
  return signInAt(inject("baseUrl"), options);
}

/** Signs out through next-auth's endpoint with the session cookie, as the panel's sign-out button does. */
export async function signOutWithCookie(sessionCookie: string) {
  const baseUrl = inject("baseUrl");
  const csrfResponse = await fetch(`${baseUrl}/api/auth/csrf`, { headers: { cookie: sessionCookie } });
  const { csrfToken } = (await csrfResponse.json()) as { csrfToken: string };
  const csrfCookie = csrfResponse.headers
    .getSetCookie()
    .map((cookie) => cookie.split(";")[0])
    .join("; ");
  return fetch(`${baseUrl}/api/auth/signout`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: `${csrfCookie}; ${sessionCookie}` },
    body: new URLSearchParams({ csrfToken, callbackUrl: baseUrl }),
  });
}

/** The user `GET /api/auth/session` answers for this cookie, or null (next-auth answers `null` or `{}`). */
export async function sessionUser(sessionCookie: string): Promise<{ id: string; email: string } | null> {
  const response = await fetch(`${inject("baseUrl")}/api/auth/session`, { headers: { cookie: sessionCookie } });
  const body = (await response.json()) as { user?: { id: string; email: string } } | null;
  return body?.user ?? null;
}
