// One-time login: launch, redemption and its failure shapes, single use under concurrency.
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createUser } from "@/lib/auth/users";
import { sha256Hex } from "@/lib/crypto/hash";
import { getDb } from "@/lib/db/client";
import { grantEntitlement, revokeEntitlement } from "@/lib/login/entitlements";
import { getLoginStatistics } from "@/lib/login/statistics";
import { computeEndOfDay, formatIsoInTimeZone, formatLocalDate } from "@/lib/login/time-zone";
import { createPartner, uniqueEmail } from "../support/factories";
import { api, randomClientIp } from "../support/http";
import { itemAt } from "../support/lists";
import { signInWithPassword } from "../support/sign-in";

const PASSWORD = "a long enough password";
async function signIn(email: string, password = PASSWORD): Promise<string> {
  const result = await signInWithPassword({ email, password, ip: randomClientIp() });
  if (!result.sessionCookie) throw new Error(`sign-in failed for ${email}`);
  return result.sessionCookie;
}

/** A partner with a published (or draft) service at `url`, and an end user entitled to it, signed in. */
async function setUp(
  options: {
    timeZone?: string;
    state?: "published" | "draft";
    entitle?: boolean;
    version?: string | null;
    url?: string;
  } = {},
) {
  const partner = await createPartner({ timeZone: options.timeZone ?? "Europe/Paris" });
  const created = await api("/api/v1/services", {
    token: partner.apiToken,
    json: {
      name: `App ${randomBytes(3).toString("hex")}`,
      url: options.url ?? "https://app.example.com/start?lang=en",
    },
  });
  const service = (await created.json()) as { id: string; url: string };
  await getDb().service.update({
    where: { id: service.id },
    data: { state: options.state ?? "published", version: options.version === undefined ? "abc123" : options.version },
  });
  const email = uniqueEmail("user");
  const user = await createUser({ email, password: PASSWORD, role: "end_user" });
  const entitlement = options.entitle === false ? null : await grantEntitlement({ email, serviceId: service.id });
  const cookie = await signIn(email);
  return { partner, service, user, email, entitlement, cookie };
}

async function launch(serviceId: string, cookie?: string) {
  return api(`/launch/${serviceId}`, { headers: cookie ? { cookie } : {} });
}

async function launchToken(serviceId: string, cookie: string): Promise<string> {
  const response = await launch(serviceId, cookie);
  expect(response.status).toBe(302);
  const token = new URL(response.headers.get("location") ?? "").searchParams.get("services");
  if (!token) throw new Error("no token in the launch redirect");
  return token;
}

function redeem(token: string, apiToken?: string) {
  return api(`/api/authorization/${token}`, { token: apiToken });
}

describe("GET /launch/{id}", () => {
  it("mints a one-time token and redirects to the versioned URL with services=<token>, leaking nothing", async () => {
    const { service, cookie, user } = await setUp();
    const response = await launch(service.id, cookie);
    expect(response.status).toBe(302);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const location = new URL(response.headers.get("location") ?? "");
    expect(`${location.origin}${location.pathname}`).toBe("https://app.example.com/start");
    expect([...location.searchParams.keys()]).toEqual(["lang", "v", "services"]);
    expect(location.searchParams.get("v")).toBe("abc123");
    const token = location.searchParams.get("services") ?? "";
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/); // 256 random bits, base64url
    const rows = await getDb().loginToken.findMany({ where: { userId: user.id } });
    expect(rows).toHaveLength(1);
    const row = itemAt(rows, 0, "login token");
    expect(row.tokenHash).toBe(sha256Hex(token));
    expect(JSON.stringify(rows)).not.toContain(token);
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBe(120_000);
    expect(row.serviceId).toBe(service.id);
  });

  // Next.js lets next.config.mjs's site-wide Referrer-Policy win over a route handler's own header, so the
  // launch's `no-referrer` comes from a later `/launch/:path*` entry in next.config.mjs.
  it("the launch redirect says Referrer-Policy: no-referrer", async () => {
    const { service, cookie } = await setUp();
    const response = await launch(service.id, cookie);
    expect(response.status).toBe(302);
    expect(response.headers.get("referrer-policy")).toBe("no-referrer");
  });

  it("without a version the URL has no v=", async () => {
    const { service, cookie } = await setUp({ version: null });
    const location = new URL((await launch(service.id, cookie)).headers.get("location") ?? "");
    expect([...location.searchParams.keys()]).toEqual(["lang", "services"]);
  });

  it("signed out → sign-in with a callback to the launch", async () => {
    const { service } = await setUp();
    const response = await launch(service.id);
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe(
      `/sign-in?callbackUrl=${encodeURIComponent(`/launch/${service.id}`)}`,
    );
  });

  it.each([
    ["no entitlement", { entitle: false }],
    ["a draft service, even when entitled", { state: "draft" as const }],
  ])("%s → a friendly 403 page and no token", async (_label, options) => {
    const { service, cookie, user } = await setUp(options);
    const response = await launch(service.id, cookie);
    expect(response.status).toBe(403);
    expect(response.headers.get("content-type")).toContain("text/html");
    expect(await response.text()).toContain("You don’t have access");
    expect(await getDb().loginToken.count({ where: { userId: user.id } })).toBe(0);
  });

  it("an expired or revoked entitlement, or an unknown service, gives no token", async () => {
    const { service, cookie, user, email, entitlement } = await setUp();
    await grantEntitlement({ email, serviceId: service.id, expiresAt: new Date(Date.now() + 60_000) });
    await getDb().entitlement.update({
      where: { id: entitlement?.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect((await launch(service.id, cookie)).status).toBe(403);
    await grantEntitlement({ email, serviceId: service.id });
    await revokeEntitlement({ id: entitlement?.id ?? "" });
    expect((await launch(service.id, cookie)).status).toBe(403);
    expect((await launch("svc_00000000000000000000", cookie)).status).toBe(404);
    expect(await getDb().loginToken.count({ where: { userId: user.id } })).toBe(0);
  });

  it("the owning partner may launch its own draft service; redemption works for it", async () => {
    const { service, partner } = await setUp({ state: "draft", entitle: false });
    const cookie = await signIn(partner.email, partner.password);
    const token = await launchToken(service.id, cookie);
    const response = await redeem(token, partner.apiToken);
    expect(response.status).toBe(200);
    expect((await response.json()).internal_email_address).toBe(partner.email);
  });
});

describe("GET /api/authorization/{services_token}", () => {
  it("200 {internal_email_address, session_expires_at at the end of the partner's day}, then 410 on reuse", async () => {
    const { service, cookie, partner, email } = await setUp({ timeZone: "Asia/Kolkata" });
    const token = await launchToken(service.id, cookie);
    const before = new Date();
    const response = await redeem(token, partner.apiToken);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const body = await response.json();
    expect(Object.keys(body).sort()).toEqual(["internal_email_address", "session_expires_at"]);
    expect(body.internal_email_address).toBe(email);
    expect(body.session_expires_at).toMatch(/^\d{4}-\d{2}-\d{2}T00:00:00\+05:30$/);
    expect(body.session_expires_at).toBe(formatIsoInTimeZone(computeEndOfDay(before, "Asia/Kolkata"), "Asia/Kolkata"));

    const events = await getDb().event.findMany({ where: { partnerId: partner.partnerId, type: "login.redeemed" } });
    expect(events).toHaveLength(1);
    expect(JSON.parse(itemAt(events, 0, "event").data)).toMatchObject({ internal_email_address: email });

    const again = await redeem(token, partner.apiToken);
    expect(again.status).toBe(410);
    expect(await again.json()).toEqual({ success: false, message: expect.stringContaining("already been used") });
    expect(await getDb().event.count({ where: { partnerId: partner.partnerId, type: "login.redeemed" } })).toBe(1);
  });

  it("unknown and malformed tokens → 404 in the contract's shape", async () => {
    const partner = await createPartner();
    for (const token of [randomBytes(32).toString("base64url"), "short", "x".repeat(300)]) {
      const response = await redeem(token, partner.apiToken);
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual({ success: false, message: "Unknown one-time login token." });
    }
  });

  it("another partner's token → 404, and the owner can still redeem it", async () => {
    const { service, cookie, partner } = await setUp();
    const other = await createPartner();
    const token = await launchToken(service.id, cookie);
    const stolen = await redeem(token, other.apiToken);
    expect(stolen.status).toBe(404);
    expect(await stolen.json()).toEqual({ success: false, message: "Unknown one-time login token." });
    expect((await redeem(token, partner.apiToken)).status).toBe(200);
  });

  it("missing, malformed and unknown bearer tokens → 401 in the contract's shape; a pending partner → 403", async () => {
    const token = randomBytes(32).toString("base64url");
    for (const apiToken of [undefined, "not-a-token", `ptk_${"A".repeat(36)}`]) {
      const response = await redeem(token, apiToken);
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({ success: false, message: expect.any(String) });
    }
    const pending = await createPartner({ approve: false });
    const response = await redeem(token, pending.apiToken);
    expect(response.status).toBe(403);
    expect((await response.json()).success).toBe(false);
  });

  it("expired (older than 120 s) → 410", async () => {
    const { service, cookie, partner } = await setUp();
    const token = await launchToken(service.id, cookie);
    await getDb().loginToken.update({
      where: { tokenHash: sha256Hex(token) },
      data: { expiresAt: new Date(Date.now() - 1) },
    });
    const response = await redeem(token, partner.apiToken);
    expect(response.status).toBe(410);
    expect(await response.json()).toEqual({ success: false, message: expect.stringContaining("expired") });
  });

  it("entitlement revoked since the launch → 403, and the token is not consumed", async () => {
    const { service, cookie, partner, entitlement } = await setUp();
    const token = await launchToken(service.id, cookie);
    await revokeEntitlement({ id: entitlement?.id ?? "" });
    const response = await redeem(token, partner.apiToken);
    expect(response.status).toBe(403);
    expect((await response.json()).success).toBe(false);
    const row = await getDb().loginToken.findUnique({ where: { tokenHash: sha256Hex(token) } });
    expect(row?.redeemedAt).toBeNull();
    expect(await getDb().event.count({ where: { partnerId: partner.partnerId, type: "login.redeemed" } })).toBe(0);
  });

  it("64 simultaneous redemptions of one token → exactly one 200, the rest 410, one event", async () => {
    const { service, cookie, partner } = await setUp();
    const token = await launchToken(service.id, cookie);
    const responses = await Promise.all(Array.from({ length: 64 }, () => redeem(token, partner.apiToken)));
    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(1);
    expect(statuses.filter((status) => status === 410)).toHaveLength(63);
    expect(await getDb().event.count({ where: { partnerId: partner.partnerId, type: "login.redeemed" } })).toBe(1);
  });

  it("a burst of distinct tokens, each sent 4 times at once → one 200 per token, each with its own user, one event each", async () => {
    // Claims that arrive together share one SQLite transaction: none may take another's result or token.
    const setups = await Promise.all(Array.from({ length: 4 }, () => setUp()));
    const launched = await Promise.all(
      setups.flatMap((setup) =>
        Array.from({ length: 4 }, async () => ({ setup, token: await launchToken(setup.service.id, setup.cookie) })),
      ),
    );
    const attempts = launched.flatMap((entry) => Array.from({ length: 4 }, () => entry));
    const responses = await Promise.all(
      attempts.map(async ({ setup, token }) => {
        const response = await redeem(token, setup.partner.apiToken);
        return { token, email: setup.email, status: response.status, body: await response.json() };
      }),
    );
    const successes = responses.filter((response) => response.status === 200);
    expect(new Set(successes.map((response) => response.token)).size).toBe(launched.length);
    expect(successes).toHaveLength(launched.length);
    for (const success of successes) expect(success.body.internal_email_address).toBe(success.email);
    expect(responses.filter((response) => response.status === 410)).toHaveLength(attempts.length - launched.length);
    for (const { partner } of setups) {
      expect(await getDb().event.count({ where: { partnerId: partner.partnerId, type: "login.redeemed" } })).toBe(4);
    }
  });

  it("statistics count launches and redemptions on the partner's local day", async () => {
    const { service, cookie, partner } = await setUp({ timeZone: "Pacific/Chatham" });
    const first = await launchToken(service.id, cookie);
    await launchToken(service.id, cookie);
    expect((await redeem(first, partner.apiToken)).status).toBe(200);
    const stats = await getLoginStatistics({ partnerId: partner.partnerId, timeZone: "Pacific/Chatham", days: 7 });
    expect(stats.daily).toHaveLength(7);
    expect(stats.daily[0]).toEqual({
      day: formatLocalDate(new Date(), "Pacific/Chatham"),
      launches: 2,
      redemptions: 1,
    });
    expect(stats.totals).toEqual({ launches: 2, redemptions: 1 });
  });
});
