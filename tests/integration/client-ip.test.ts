// Issue 13 item 3: with no proxy configured (PORTICO_TRUSTED_PROXY_HOPS unset = 0) the per-IP sign-in limit keys on
// the socket's address, so X-Forwarded-For cannot reset it; and failed attempts cannot lock an account's owner out.
// Clients connect from distinct loopback addresses (127.0.0.x) to a server of their own with the default setting.
import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPartner, uniqueEmail } from "../support/factories";
import { type RunningServer, startPortico } from "../support/server";
import { createTestEnv } from "../support/test-env";

let server: RunningServer;
beforeAll(async () => {
  // The run's env says 1 (tests act as proxied clients); this server gets the default, 0 (config.test checks it).
  const env = { ...createTestEnv(), PORTICO_TRUSTED_PROXY_HOPS: "0" };
  server = await startPortico({ env: { ...env, PORTICO_DISABLE_SCHEDULER: "1", PORTICO_DISABLE_WORKERS: "1" } });
});
afterAll(async () => {
  await server?.stop();
});

function send(options: {
  path: string;
  from: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string;
}) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>(
    (resolve, reject) => {
      const url = new URL(options.path, server.baseUrl);
      const req = request(
        url,
        { method: options.method ?? "GET", headers: options.headers, localAddress: options.from },
        (res) => {
          let body = "";
          res.on("data", (chunk) => (body += chunk));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
        },
      );
      req.on("error", reject);
      req.end(options.body);
    },
  );
}

/** One credentials sign-in from `from`; "ok", "refused" (wrong password) or "rate_limited". */
async function signInFrom(from: string, email: string, password: string, forwardedFor?: string) {
  const spoof: Record<string, string> = forwardedFor ? { "x-forwarded-for": forwardedFor } : {};
  const csrf = await send({ path: "/api/auth/csrf", from, headers: spoof });
  const { csrfToken } = JSON.parse(csrf.body) as { csrfToken: string };
  const cookies = ([] as string[]).concat(csrf.headers["set-cookie"] ?? []).map((cookie) => cookie.split(";")[0]);
  const response = await send({
    path: "/api/auth/callback/credentials",
    from,
    method: "POST",
    headers: { ...spoof, "content-type": "application/x-www-form-urlencoded", cookie: cookies.join("; ") },
    body: new URLSearchParams({ csrfToken, email, password, callbackUrl: server.baseUrl }).toString(),
  });
  const location = String(response.headers.location ?? "");
  const setCookies = ([] as string[]).concat(response.headers["set-cookie"] ?? []);
  if (setCookies.some((cookie) => cookie.includes("authjs.session-token="))) return "ok";
  return location.includes("code=rate_limited") ? "rate_limited" : "refused";
}

describe("client IP without a trusted proxy (PORTICO_TRUSTED_PROXY_HOPS = 0)", () => {
  it("a forged X-Forwarded-For does not reset the per-IP limit: spraying from one socket address is stopped", async () => {
    const outcomes: string[] = [];
    for (let attempt = 0; attempt < 12; attempt++) {
      outcomes.push(await signInFrom("127.0.0.21", uniqueEmail("sprayed"), "wrong password!", `198.51.100.${attempt}`));
    }
    expect(outcomes.slice(0, 10)).not.toContain("rate_limited");
    expect(outcomes.slice(10)).toEqual(["rate_limited", "rate_limited"]);
    // Another address is not affected.
    expect(await signInFrom("127.0.0.22", uniqueEmail("sprayed"), "wrong password!")).toBe("refused");
  });

  it("failed attempts from many addresses cannot lock the owner out; the attacking addresses stay refused", async () => {
    const partner = await createPartner();
    const attackers = Array.from({ length: 8 }, (_, index) => `127.0.1.${index + 1}`);
    for (const attacker of attackers) {
      for (let attempt = 0; attempt < 4; attempt++) await signInFrom(attacker, partner.email, "wrong password!");
    }
    // The owner, from an address that never failed, signs in with the right password.
    expect(await signInFrom("127.0.2.1", partner.email, partner.password)).toBe("ok");
    // An address that guessed wrong on this account under attack gets no more tries, even with the right password.
    expect(await signInFrom(attackers[0] as string, partner.email, partner.password)).toBe("rate_limited");
  });
});
