// How an endpoint's authentication and health read in the panel (list, detail).
import { formatDateTime } from "@/lib/panel/dates";
import type { EndpointOutput } from "@/lib/webhooks/schemas";

export function describeAuthentication(endpoint: Pick<EndpointOutput, "authentication">): string {
  const auth = endpoint.authentication;
  if (auth === null) return "None (signature only)";
  if (auth.version === "v2") return "OAuth2 v2 — fixed token";
  const scope = auth.data.scope ? `, scope “${auth.data.scope}”` : "";
  return `OAuth2 v1 — client credentials, client id ${auth.data.client_id} at ${auth.data.url}${scope}`;
}

/** One line: "Disabled: <reason>", "Failing since …" or "Healthy", plus the last OAuth2 token request. */
export function describeHealth(
  endpoint: EndpointOutput,
  timeZone: string,
): { tone: "ok" | "warn" | "bad"; text: string } {
  const token = endpoint.last_token_fetch;
  const tokenText = token ? ` · token request ${token.ok ? "ok" : "failed"} ${formatDateTime(token.at, timeZone)}` : "";
  if (endpoint.status === "disabled") {
    return { tone: "bad", text: `Disabled: ${endpoint.disabled_reason ?? "no reason given"}${tokenText}` };
  }
  if (endpoint.failing_since) {
    return { tone: "warn", text: `Failing since ${formatDateTime(endpoint.failing_since, timeZone)}${tokenText}` };
  }
  if (token && !token.ok) return { tone: "warn", text: `Healthy${tokenText}` };
  return { tone: "ok", text: `Healthy${tokenText}` };
}
