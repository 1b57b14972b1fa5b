import { randomBytes } from "node:crypto";
import { inject } from "vitest";
import { recordSecretsIn } from "./secrets-ledger";

export function api(
  path: string,
  options: { token?: string; method?: string; json?: unknown; body?: BodyInit; headers?: Record<string, string> } = {},
) {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body = options.body;
  if (options.json !== undefined) {
    headers["content-type"] ??= "application/json";
    body = JSON.stringify(options.json);
  }
  const sent = fetch(`${inject("baseUrl")}${path}`, {
    method: options.method ?? (body ? "POST" : "GET"),
    headers,
    body,
    redirect: "manual",
  });
  return sent.then(async (response) => {
    // Secrets shown in answers are noted for the end-of-run check that none reached the server's logs.
    if (response.headers.get("content-type")?.includes("application/json")) {
      recordSecretsIn(
        await response
          .clone()
          .json()
          .catch(() => null),
      );
    }
    return response;
  });
}

/** A client address of its own (10.x.y.z, sent as X-Forwarded-For), so one test's per-IP limits never touch another's. */
export function randomClientIp(): string {
  return `10.${randomBytes(3).join(".")}`;
}
