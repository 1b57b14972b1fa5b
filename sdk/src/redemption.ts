// Seed 004, the partner's half: trade the `?services=<token>` a user arrived with for their email, once.
//   GET <portico>/api/authorization/<services_token>   Authorization: Bearer <api token>
//   200 {"internal_email_address", "session_expires_at"}   4xx {"success": false, "message"}

export type RedemptionResult =
  | { ok: true; email: string; sessionExpiresAt: Date | null }
  | { ok: false; status: number; message: string };

export interface RedemptionClientOptions {
  /** Portico's origin, e.g. https://portico.example. */
  baseUrl: string;
  /** An API token from the Portico panel. Keep it server-side. */
  apiToken: string;
  /** Give up after this long (default 10 s): the user is waiting. */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

export function createRedemptionClient(options: RedemptionClientOptions) {
  const fetchImpl = options.fetch ?? fetch;
  const base = options.baseUrl.replace(/\/+$/, "");
  return {
    async redeem(servicesToken: string): Promise<RedemptionResult> {
      if (!servicesToken || servicesToken.length > 512)
        return { ok: false, status: 400, message: "Missing or oversized token." };
      let response: Response;
      try {
        response = await fetchImpl(`${base}/api/authorization/${encodeURIComponent(servicesToken)}`, {
          headers: { authorization: `Bearer ${options.apiToken}`, accept: "application/json" },
          redirect: "error",
          signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
        });
      } catch (error) {
        return { ok: false, status: 0, message: `Portico unreachable: ${(error as Error).message}` };
      }
      let body: unknown;
      try {
        body = await response.json();
      } catch {
        return {
          ok: false,
          status: response.status,
          message: `Unexpected answer from Portico (HTTP ${response.status}).`,
        };
      }
      const record = (typeof body === "object" && body !== null ? body : {}) as Record<string, unknown>;
      if (!response.ok) {
        const message = typeof record.message === "string" ? record.message : `HTTP ${response.status}`;
        return { ok: false, status: response.status, message };
      }
      if (typeof record.internal_email_address !== "string" || !record.internal_email_address.includes("@")) {
        return { ok: false, status: 502, message: "Portico's answer has no email address." };
      }
      const expires = typeof record.session_expires_at === "string" ? new Date(record.session_expires_at) : null;
      return {
        ok: true,
        email: record.internal_email_address,
        sessionExpiresAt: expires && !Number.isNaN(expires.getTime()) ? expires : null,
      };
    },
  };
}

/** The one-time token in a request URL (`?services=`), or null. */
export function readServicesToken(url: string | URL): string | null {
  const parsed = typeof url === "string" ? new URL(url, "http://localhost") : url;
  return parsed.searchParams.get("services");
}

/** The URL without `services=`, to redirect to after login so the token leaves the address bar and history. */
export function stripServicesToken(url: string | URL): string {
  const parsed = new URL(typeof url === "string" ? url : url.toString(), "http://localhost");
  parsed.searchParams.delete("services");
  return `${parsed.pathname}${parsed.search}${parsed.hash}`;
}
