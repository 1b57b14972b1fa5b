// Signing in through next-auth's credentials endpoint, as a script would (contract: "Browser sessions"), against any
// running Portico: the tests' helper (./sign-in.ts) and the benchmarks use it.
export async function signInAt(baseUrl: string, options: { email: string; password: string; ip?: string }) {
  const headers: Record<string, string> = options.ip ? { "x-forwarded-for": options.ip } : {};
  const csrfResponse = await fetch(`${baseUrl}/api/auth/csrf`, { headers });
  const { csrfToken } = (await csrfResponse.json()) as { csrfToken: string };
  const csrfCookie = csrfResponse.headers
    .getSetCookie()
    .map((cookie) => cookie.split(";")[0])
    .join("; ");
  const response = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { ...headers, "content-type": "application/x-www-form-urlencoded", cookie: csrfCookie },
    body: new URLSearchParams({ csrfToken, email: options.email, password: options.password, callbackUrl: baseUrl }),
  });
  const cookies = response.headers.getSetCookie();
  const session = cookies.find((cookie) => cookie.includes("authjs.session-token="));
  return {
    status: response.status,
    location: response.headers.get("location") ?? "",
    sessionCookie: session?.split(";")[0] ?? null,
    rawSessionCookie: session ?? null,
  };
}
