import { createHmac, randomUUID } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { encryptSecret } from "@/lib/crypto/encryption";
import { createId, randomSecret } from "@/lib/crypto/random";
import { getDb } from "@/lib/db/client";
import { createPartner } from "../support/factories";
import { api } from "../support/http";
import { itemAt } from "../support/lists";
import { type Misbehaviour, type PartnerServer, startPartnerServer } from "../support/partner-server";

const servers: PartnerServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

/**
 * A service whose scheduled check is far away, so the server's own scheduler leaves it alone and every check in the
 * test is one the test asked for (the scheduler itself is tested separately below).
 */
async function createMonitoredService(
  options: {
    mode?: Misbehaviour;
    version?: string;
    path?: string;
    downAfterFailures?: number;
    nextCheckAt?: Date;
  } = {},
) {
  const partner = await createPartner();
  const serviceId = randomUUID();
  const secret = randomSecret(32);
  const partnerServer = await startPartnerServer({
    defaultIdentity: { serviceId, secret, version: options.version ?? "1.0.0", mode: options.mode ?? "valid" },
  });
  servers.push(partnerServer);
  const url = `${partnerServer.origin}${options.path ?? "/app?lang=en"}`;
  const service = await getDb().service.create({
    data: {
      id: createId("svc"),
      partnerId: partner.partnerId,
      serviceId,
      name: "Monitored",
      url,
      secretCiphertext: encryptSecret(secret),
      checkIntervalSeconds: 3600,
      downAfterFailures: options.downAfterFailures ?? 2,
      nextCheckAt: options.nextCheckAt ?? new Date(Date.now() + 86_400_000),
      createdAt: new Date(Date.now() - 3600_000), // past the first-check grace period
    },
  });
  const identity = partnerServer.defaultIdentity as NonNullable<PartnerServer["defaultIdentity"]>;
  const checkNow = async () => {
    const response = await api(`/api/v1/services/${service.id}/check`, { token: partner.apiToken, method: "POST" });
    expect(response.status).toBe(200);
    return response.json();
  };
  const getService = async () => (await api(`/api/v1/services/${service.id}`, { token: partner.apiToken })).json();
  return { partner, service, url, identity, partnerServer, checkNow, getService };
}

const readService = (id: string) => getDb().service.findUniqueOrThrow({ where: { id } });
type ServiceRow = Awaited<ReturnType<typeof readService>>;

/** Polls the service's row until `done` holds (the server's scheduler works on its own schedule). */
async function waitForRow(id: string, done: (row: ServiceRow) => boolean): Promise<ServiceRow> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const row = await readService(id);
    if (done(row)) return row;
    if (Date.now() > deadline)
      throw new Error(`service ${id} did not reach the expected state: ${JSON.stringify(row)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Registers a service that is due now and waits until the server's scheduler has checked it. */
async function waitForSchedulerPass(): Promise<void> {
  const { service } = await createMonitoredService({ nextCheckAt: new Date() });
  await waitForRow(service.id, (row) => row.lastCheckedAt !== null);
}

const eventsOf = (partnerId: string) =>
  getDb()
    .event.findMany({ where: { partnerId }, orderBy: { createdAt: "asc" } })
    .then((rows) => rows.map((row) => ({ type: row.type, data: JSON.parse(row.data) as Record<string, unknown> })));

describe("service checks: outcomes of /authorize (service authorization contract)", () => {
  it("a valid answer → live, version stored, versioned_url keeps the query, history and events written", async () => {
    const { partner, service, url, checkNow, getService } = await createMonitoredService({ version: "abc123" });
    const check = await checkNow();
    expect(check).toEqual({
      checked_at: expect.any(String),
      status: "live",
      http_status: 200,
      latency_ms: expect.any(Number),
      version: "abc123",
      error: null,
    });
    const detail = await getService();
    expect(detail).toMatchObject({ status: "live", version: "abc123", last_checked_at: check.checked_at });
    expect(detail.versioned_url).toBe(url.replace("?lang=en", "?lang=en&v=abc123"));
    const versions = await getDb().serviceVersion.findMany({ where: { serviceId: service.id } });
    expect(versions.map((row) => row.version)).toEqual(["abc123"]);
    const events = await eventsOf(partner.partnerId);
    expect(events.map((event) => event.type).sort()).toEqual(["service.status_changed", "service.version_changed"]);
    expect(events.find((event) => event.type === "service.status_changed")?.data).toMatchObject({
      id: service.id,
      previous_status: "unknown",
      status: "live",
    });
    const daily = await getDb().serviceCheckDaily.findMany({ where: { serviceId: service.id } });
    expect(daily).toMatchObject([{ total: 1, live: 1, down: 0, unauthentic: 0 }]);
  });

  it.each<[Misbehaviour, RegExp]>([
    ["wrong-secret", /service_signature does not match/],
    ["stale-timestamp", /stale timestamp: 360[01] s behind/],
    ["missing-fields", /missing field: service_signature/],
    ["string-timestamp", /timestamp must be an integer/],
    ["long-version", /version must be a non-empty string of at most 200 characters/],
  ])("%s → unauthentic at once, with the reason", async (mode, error) => {
    const { partner, checkNow, getService } = await createMonitoredService({ mode });
    const check = await checkNow();
    expect(check).toMatchObject({ status: "unauthentic", http_status: 200, version: null });
    expect(check.error).toMatch(error);
    expect(await getService()).toMatchObject({ status: "unauthentic", version: null });
    const events = await eventsOf(partner.partnerId);
    expect(events).toEqual([
      { type: "service.status_changed", data: expect.objectContaining({ status: "unauthentic" }) },
    ]);
  });

  it.each<[Misbehaviour, number | null, RegExp]>([
    ["not-json", 200, /answer is not JSON/],
    ["status-500", 500, /^HTTP 500$/],
    ["timeout", null, /^timeout: no complete response within 5000 ms/],
    ["oversized", null, /^answer too large: response body exceeds 65536 bytes/],
    ["redirect-cross-host", 302, /^redirect to another host refused: HTTP 302 to http:\/\/127\.0\.0\.2:\d+/],
    ["redirect-same-host", 301, /^redirect not followed: HTTP 301 to \/v2\/authorize/],
  ])(
    "%s → down after 2 consecutive failures, with the reason",
    async (mode, httpStatus, error) => {
      const { checkNow, getService } = await createMonitoredService({ mode });
      const first = await checkNow();
      expect(first).toMatchObject({ status: "down", http_status: httpStatus, version: null });
      expect(first.error).toMatch(error);
      expect((await getService()).status).toBe("unknown"); // one failure is not an outage yet
      const second = await checkNow();
      expect(second.status).toBe("down");
      expect((await getService()).status).toBe("down");
    },
    30_000,
  );

  it("nothing listening → down with the connection error", async () => {
    const { checkNow, partnerServer } = await createMonitoredService();
    await partnerServer.close();
    const check = await checkNow();
    expect(check).toMatchObject({ status: "down", http_status: null });
    expect(check.error).toMatch(/^no answer: .*ECONNREFUSED/);
  });
});

describe("service checks: state over time", () => {
  it("debounce: live stays live after one failure, turns down after N, recovers on the first good check", async () => {
    const { partner, identity, checkNow, getService } = await createMonitoredService({ downAfterFailures: 3 });
    expect((await checkNow()).status).toBe("live");
    identity.mode = "status-500";
    for (const expected of ["live", "live", "down"]) {
      expect((await checkNow()).status).toBe("down");
      expect((await getService()).status).toBe(expected);
    }
    identity.mode = "valid";
    expect((await checkNow()).status).toBe("live");
    expect((await getService()).status).toBe("live");
    const statusEvents = (await eventsOf(partner.partnerId)).filter((event) => event.type === "service.status_changed");
    expect(statusEvents.map((event) => [event.data.previous_status, event.data.status])).toEqual([
      ["unknown", "live"],
      ["live", "down"],
      ["down", "live"],
    ]);
    expect(itemAt(statusEvents, 1, "status event").data.error).toBe("HTTP 500");
  });

  it("an unauthentic answer never changes the version; a new version → history, event, new versioned_url", async () => {
    const { partner, service, identity, url, checkNow, getService } = await createMonitoredService({ version: "v1" });
    await checkNow();
    identity.version = "v-evil";
    identity.mode = "wrong-secret";
    await checkNow();
    expect((await getService()).version).toBe("v1");
    identity.mode = "valid";
    identity.version = "v2";
    await checkNow();
    await checkNow(); // same version again: no new history row
    const detail = await getService();
    expect(detail).toMatchObject({
      status: "live",
      version: "v2",
      versioned_url: url.replace("?lang=en", "?lang=en&v=v2"),
    });
    const versions = await getDb().serviceVersion.findMany({
      where: { serviceId: service.id },
      orderBy: { firstSeenAt: "asc" },
    });
    expect(versions.map((row) => row.version)).toEqual(["v1", "v2"]);
    const versionEvents = (await eventsOf(partner.partnerId)).filter(
      (event) => event.type === "service.version_changed",
    );
    expect(versionEvents.map((event) => event.data)).toEqual([
      expect.objectContaining({ previous_version: null, version: "v1" }),
      expect.objectContaining({ previous_version: "v1", version: "v2", versioned_url: detail.versioned_url }),
    ]);
  });

  it("GET …/checks – newest first with a cursor; bad paging input is 400", async () => {
    const { partner, service, identity, checkNow } = await createMonitoredService();
    const made = [];
    for (const mode of ["valid", "status-500", "valid", "wrong-secret", "valid"] as const) {
      identity.mode = mode;
      made.push(await checkNow());
    }
    const path = `/api/v1/services/${service.id}/checks`;
    const first = await (await api(`${path}?limit=2`, { token: partner.apiToken })).json();
    expect(first.data).toEqual([made[4], made[3]]);
    expect(first.next_cursor).toEqual(expect.any(String));
    const second = await (await api(`${path}?limit=2&cursor=${first.next_cursor}`, { token: partner.apiToken })).json();
    expect(second.data).toEqual([made[2], made[1]]);
    const third = await (await api(`${path}?limit=2&cursor=${second.next_cursor}`, { token: partner.apiToken })).json();
    expect(third).toEqual({ data: [made[0]], next_cursor: null });
    const all = await (await api(path, { token: partner.apiToken })).json();
    expect(all.data).toHaveLength(5);

    for (const query of ["?limit=0", "?limit=201", "?limit=abc", "?cursor=bm9wZQ"]) {
      const response = await api(`${path}${query}`, { token: partner.apiToken });
      expect(response.status).toBe(400);
      expect((await response.json()).error).toBe("invalid_request");
    }
  });

  it("another partner's service is 404 on both endpoints, and no check runs", async () => {
    const { service, partnerServer } = await createMonitoredService();
    const other = await createPartner();
    const check = await api(`/api/v1/services/${service.id}/check`, { token: other.apiToken, method: "POST" });
    expect(check.status).toBe(404);
    expect(await check.json()).toMatchObject({ error: "not_found" });
    const list = await api(`/api/v1/services/${service.id}/checks`, { token: other.apiToken });
    expect(list.status).toBe(404);
    expect(partnerServer.totalRequests()).toBe(0);
    expect((await api(`/api/v1/services/${service.id}/check`, { method: "POST" })).status).toBe(401);
  });

  it("a just-registered service is not checked by the scheduler before its grace period ends", async () => {
    const partner = await createPartner();
    const { partnerServer } = await createMonitoredService();
    const created = await api("/api/v1/services", {
      token: partner.apiToken,
      json: { name: "New", url: `${partnerServer.origin}/` },
    });
    expect(created.status).toBe(201);
    const { id } = await created.json();
    // A service due now and past its grace, registered after the new one: once the scheduler has checked it, it has
    // claimed due rows after the new service existed, and a claim leases every row it takes at once.
    await waitForSchedulerPass();
    expect(await readService(id)).toMatchObject({ status: "unknown", lastCheckedAt: null, leaseOwner: null });
    expect(partnerServer.totalRequests()).toBe(0);
  });

  it("the server's scheduler checks a due service by itself, once, and schedules the next check", async () => {
    const { service, partnerServer } = await createMonitoredService({ nextCheckAt: new Date() });
    const row = await waitForRow(service.id, (current) => current.status !== "unknown");
    expect(row).toMatchObject({ status: "live", version: "1.0.0", leaseOwner: null, leaseExpiresAt: null });
    expect(row.nextCheckAt.getTime()).toBeGreaterThan(Date.now() + 3500_000);
    // A later pass of the scheduler (it checked a service registered after this one was recorded) left it alone.
    await waitForSchedulerPass();
    expect(await readService(service.id)).toMatchObject({ leaseOwner: null });
    expect(partnerServer.totalRequests()).toBe(1);
    expect(await getDb().serviceCheck.count({ where: { serviceId: service.id } })).toBe(1);
  });
});

describe("Portico's own /authorize", () => {
  it("answers the contract's shape, signed with PORTICO_SERVICE_ID/SECRET, fresh on every call", async () => {
    const response = await api("/authorize");
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toContain("no-store");
    const body = await response.json();
    expect(Object.keys(body).sort()).toEqual(["service_signature", "timestamp", "version"]);
    expect(Math.abs(body.timestamp - Date.now() / 1000)).toBeLessThan(5);
    const expected = createHmac("sha256", "portico-test-secret")
      .update(`portico-test${body.timestamp}`)
      .digest("base64");
    expect(body.service_signature).toBe(expected);
    expect(body.version).toMatch(/^([0-9a-f]{40}|\d+\.\d+\.\d+)$/);
  });
});
