// The provider contract: the same behaviour asked of lib/db's SQLite and PostgreSQL hot paths, each on a real database
// (a fresh SQLite file, and a throw-away database on TEST_POSTGRES_URL's server), migrated as the app migrates.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createId } from "@/lib/crypto/random";
import { createDatabase, type Database, type Db } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/errors";
import type { CheckBatchWrites } from "@/lib/db/hot-paths";
import { eventCatalog } from "@/lib/events/catalog";
import { buildEventRow } from "@/lib/events/outbox";
import { createPrivateDatabase } from "../support/private-database";

/** Ids of rows the app makes elsewhere (hashes, attempts, versions): only their uniqueness matters here. */
const unique = (label: string) => `${label}_${randomBytes(8).toString("hex")}`;
const seconds = (from: Date, n: number) => new Date(from.getTime() + n * 1000);

async function createPartner(db: Db) {
  const id = createId("ptn");
  await db.partner.create({ data: { id, name: id, customerId: id, status: "approved" } });
  return id;
}

async function createService(db: Db, partnerId: string, data: { nextCheckAt?: Date; createdAt?: Date } = {}) {
  const id = createId("svc");
  await db.service.create({
    data: {
      id,
      partnerId,
      serviceId: id,
      name: `App ${id}`,
      url: "https://app.example.test/",
      secretCiphertext: "x",
      ...data,
    },
  });
  return id;
}

// Generous timeouts: these are real databases on a shared machine, and the first statements pay for connecting.
describe.each(["sqlite", "postgresql"] as const)("%s hot paths", { timeout: 30_000 }, (provider) => {
  let database: Database;
  let db: Db;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const made = await createPrivateDatabase({ provider, label: "contract" });
    drop = made.drop;
    database = createDatabase({ databaseUrl: made.url });
    db = database.client;
  }, 60_000);
  afterAll(async () => {
    await database?.close();
    await drop?.();
  });

  it("status columns refuse values outside their documented set", async () => {
    const partnerId = await createPartner(db);
    await expect(db.partner.update({ where: { id: partnerId }, data: { status: "archived" } })).rejects.toThrow();
    const serviceId = await createService(db, partnerId);
    await expect(db.service.update({ where: { id: serviceId }, data: { status: "sleeping" } })).rejects.toThrow();
    await db.service.update({ where: { id: serviceId }, data: { status: "live", state: "published" } });
    expect((await db.partner.findUniqueOrThrow({ where: { id: partnerId } })).status).toBe("approved");
  });

  it("issuance inserts a batch at once, and a reused XID fails the whole batch", async () => {
    const partnerId = await createPartner(db);
    const issuedAt = new Date("2026-11-30T10:00:00.123Z");
    const row = (xid: string) => ({
      id: createId("txn"),
      partnerId,
      xid,
      phoneNumber: "+447911123456",
      tokenHash: unique("hash"),
      issuedAt,
      expiresAt: seconds(issuedAt, 300),
    });
    await database.hotPaths.insertTransactions([row("a"), row("b")]);
    const stored = await db.transaction.findMany({ where: { partnerId }, orderBy: { xid: "asc" } });
    expect(stored.map((t) => [t.xid, t.status, t.issuedAt.toISOString()])).toEqual([
      ["a", "issued", issuedAt.toISOString()],
      ["b", "issued", issuedAt.toISOString()],
    ]);
    const failure = await database.hotPaths.insertTransactions([row("c"), row("a")]).catch((error: unknown) => error);
    expect(isUniqueViolation(failure)).toBe(true);
    expect(await db.transaction.count({ where: { partnerId } })).toBe(2);
  });

  it("a login token is claimed once, with its login.redeemed event in the catalog's shape", async () => {
    const partnerId = await createPartner(db);
    const serviceId = await createService(db, partnerId);
    const userId = createId("usr");
    const email = `${userId}@example.test`;
    await db.user.create({ data: { id: userId, email, passwordHash: "x", role: "partner", partnerId } });
    const now = new Date("2026-11-30T10:00:00.500Z");
    const token = (expiresAt: Date) => ({
      id: createId("lgn"),
      tokenHash: unique("hash"),
      userId,
      serviceId,
      partnerId,
      expiresAt,
    });
    const live = token(seconds(now, 60));
    const expired = token(seconds(now, -1));
    await db.loginToken.createMany({ data: [live, expired] });
    const claim = (tokenHash: string, claimer = partnerId) => ({
      tokenHash,
      partnerId: claimer,
      at: now,
      eventId: createId("evt"),
    });
    const stranger = await createPartner(db);
    const first = claim(live.tokenHash);
    const results = await database.hotPaths.claimLoginTokens([
      claim(live.tokenHash, stranger),
      first,
      claim(live.tokenHash),
      claim(expired.tokenHash),
    ]);
    expect(results).toEqual([null, email, null, null]);
    expect((await db.loginToken.findUniqueOrThrow({ where: { id: live.id } })).redeemedAt).toEqual(now);
    const event = await db.event.findUniqueOrThrow({ where: { id: first.eventId } });
    expect(event.type).toBe("login.redeemed");
    expect(event.createdAt).toEqual(now);
    expect(eventCatalog["login.redeemed"].parse(JSON.parse(event.data))).toEqual({
      login_id: live.id,
      service_id: serviceId,
      service_name: `App ${serviceId}`,
      internal_email_address: email,
      redeemed_at: now.toISOString(),
    });
    expect(await db.event.count({ where: { partnerId, type: "login.redeemed" } })).toBe(1);
  });

  it("due services are leased to one claimer at a time, oldest first, new ones after their grace", async () => {
    await db.service.updateMany({ data: { nextCheckAt: new Date("2100-01-01T00:00:00Z") } });
    const partnerId = await createPartner(db);
    const now = new Date("2026-11-30T10:00:00.000Z");
    const old = seconds(now, -3600);
    const later = await createService(db, partnerId, { nextCheckAt: seconds(now, -10), createdAt: old });
    const earlier = await createService(db, partnerId, { nextCheckAt: seconds(now, -20), createdAt: old });
    await createService(db, partnerId, { nextCheckAt: seconds(now, -30), createdAt: seconds(now, -5) });
    const notYetDue = await createService(db, partnerId, { nextCheckAt: seconds(now, 10), createdAt: old });
    const lease = { limit: 10, now, leaseUntil: seconds(now, 60), createdBefore: seconds(now, -60) };
    const first = await database.hotPaths.claimDueServices({ ...lease, owner: "a", limit: 1 });
    expect(first.map((s) => [s.id, s.dueAt, s.checkIntervalSeconds])).toEqual([[earlier, seconds(now, -20), 300]]);
    const second = await database.hotPaths.claimDueServices({ ...lease, owner: "b" });
    expect(second.map((s) => s.id)).toEqual([later]);
    expect(await database.hotPaths.claimDueServices({ ...lease, owner: "c" })).toEqual([]);
    // A lapsed lease is taken over (and by then the last one has fallen due).
    const takenOver = await database.hotPaths.claimDueServices({ ...lease, owner: "c", now: seconds(now, 61) });
    expect(takenOver.map((s) => s.id).sort()).toEqual([earlier, later, notYetDue].sort());
  });

  it("a check batch locks its services, applies the plan and writes every row it decides", async () => {
    const partnerId = await createPartner(db);
    const serviceId = await createService(db, partnerId);
    await db.service.update({ where: { id: serviceId }, data: { leaseOwner: "me" } });
    const checkedAt = new Date("2026-11-30T10:00:00.250Z");
    const result = await database.hotPaths.recordCheckBatch({
      serviceIds: [serviceId, serviceId, "svc_gone"],
      plan: (locked) => {
        const row = locked.get(serviceId);
        const writes: CheckBatchWrites = {
          checks: [
            {
              id: createId("chk"),
              serviceId,
              checkedAt,
              outcome: "live",
              httpStatus: 200,
              latencyMs: 12,
              version: "2.0",
              error: null,
            },
          ],
          services: [
            {
              id: serviceId,
              status: "live",
              version: "2.0",
              failures: 0,
              checkedAt,
              statusChangedAt: checkedAt,
              nextCheckAt: seconds(checkedAt, 300),
              releaseLease: true,
            },
          ],
          daily: [{ serviceId, day: "2026-11-30", total: 1, live: 1, unauthentic: 0, down: 0, latencyMsTotal: 12 }],
          versions: [{ id: unique("ver"), serviceId, version: "2.0", firstSeenAt: checkedAt }],
          events: [
            buildEventRow({
              partnerId,
              type: "service.status_changed",
              data: {
                id: serviceId,
                service_id: serviceId,
                checked_at: checkedAt.toISOString(),
                previous_status: "unknown",
                status: "live",
                error: null,
              },
              at: checkedAt,
            }),
          ],
        };
        return { writes, result: { locked: [...locked.keys()], row } };
      },
    });
    expect(result.locked).toEqual([serviceId]);
    expect(result.row).toMatchObject({ partnerId, status: "unknown", consecutiveFailures: 0, leaseOwner: "me" });
    expect(typeof result.row?.downAfterFailures).toBe("number");
    const service = await db.service.findUniqueOrThrow({ where: { id: serviceId } });
    expect(service).toMatchObject({
      status: "live",
      version: "2.0",
      lastCheckedAt: checkedAt,
      statusChangedAt: checkedAt,
      nextCheckAt: seconds(checkedAt, 300),
      leaseOwner: null,
    });
    expect(await db.serviceCheck.count({ where: { serviceId, checkedAt } })).toBe(1);
    expect(await db.serviceVersion.count({ where: { serviceId, version: "2.0" } })).toBe(1);
    expect(await db.event.count({ where: { partnerId, type: "service.status_changed", createdAt: checkedAt } })).toBe(
      1,
    );
    // Daily counters add up across batches.
    await database.hotPaths.recordCheckBatch({
      serviceIds: [serviceId],
      plan: () => ({
        writes: {
          checks: [],
          services: [],
          versions: [],
          events: [],
          daily: [{ serviceId, day: "2026-11-30", total: 2, live: 0, unauthentic: 1, down: 1, latencyMsTotal: 8 }],
        },
        result: null,
      }),
    });
    const daily = await db.serviceCheckDaily.findUniqueOrThrow({
      where: { serviceId_day: { serviceId, day: "2026-11-30" } },
    });
    expect(daily).toMatchObject({ total: 3, live: 1, unauthentic: 1, down: 1, latencyMsTotal: 20 });
  });

  it("events fan out once to the partner's enabled endpoints whose filter matches", async () => {
    await db.event.updateMany({ where: { dispatchedAt: null }, data: { dispatchedAt: new Date() } });
    const partnerId = await createPartner(db);
    const endpoint = (data: { status?: string; events?: string }) => ({
      id: createId("whe"),
      partnerId,
      url: "https://hooks.example.test/",
      secretCiphertext: "x",
      ...data,
    });
    const all = endpoint({});
    const filtered = endpoint({ events: JSON.stringify(["login.redeemed"]) });
    const disabled = endpoint({ status: "disabled" });
    await db.webhookEndpoint.createMany({ data: [all, filtered, disabled] });
    const verified = buildEventRow({
      partnerId,
      type: "transaction.verified",
      data: { xid: "x", phone_number: "+447911123456", verified_at: new Date().toISOString() },
    });
    await db.event.create({ data: verified });
    const now = new Date();
    const plan = (
      events: { id: string; partnerId: string; type: string }[],
      endpoints: { id: string; events: string }[],
    ) =>
      events.flatMap((event) =>
        endpoints
          .filter((e) => e.events === "[]" || (JSON.parse(e.events) as string[]).includes(event.type))
          .map((e) => ({ id: createId("dlv"), endpointId: e.id, eventId: event.id, eventType: event.type })),
      );
    expect(await database.hotPaths.fanOutEvents({ limit: 10, now, plan })).toEqual({ events: 1, deliveries: 1 });
    expect(await database.hotPaths.fanOutEvents({ limit: 10, now, plan })).toEqual({ events: 0, deliveries: 0 });
    const deliveries = await db.webhookDelivery.findMany({ where: { eventId: verified.id } });
    expect(deliveries.map((d) => [d.endpointId, d.status, d.attempts])).toEqual([[all.id, "pending", 0]]);
  });

  it("deliveries are leased with their event and endpoint; outcomes hold only under the lease", async () => {
    const partnerId = await createPartner(db);
    const endpointId = createId("whe");
    const failingSince = new Date("2026-11-29T08:00:00.000Z");
    await db.webhookEndpoint.create({
      data: { id: endpointId, partnerId, url: "https://hooks.example.test/", secretCiphertext: "s", failingSince },
    });
    const event = buildEventRow({
      partnerId,
      type: "webhook.test",
      data: { endpoint_id: endpointId, message: "hi" },
      at: new Date("2026-11-30T09:59:00.000Z"),
    });
    await db.event.create({ data: { ...event, dispatchedAt: event.createdAt } });
    const now = new Date("2026-11-30T10:00:00.000Z");
    const deliveryId = createId("dlv");
    await db.webhookDelivery.create({
      data: { id: deliveryId, endpointId, eventId: event.id, eventType: event.type, nextAttemptAt: seconds(now, -1) },
    });
    const lease = { limit: 5, now, leaseUntil: seconds(now, 60) };
    const [mine, theirs] = await Promise.all([
      database.hotPaths.claimDueDeliveries({ ...lease, owner: "w1" }),
      database.hotPaths.claimDueDeliveries({ ...lease, owner: "w2" }),
    ]);
    const claimed = [...mine, ...theirs].filter((d) => d.id === deliveryId);
    expect(claimed).toHaveLength(1);
    const owner = mine.some((d) => d.id === deliveryId) ? "w1" : "w2";
    expect(claimed[0]).toEqual({
      id: deliveryId,
      attempts: 0,
      endpointId,
      event: { id: event.id, type: "webhook.test", data: event.data, createdAt: event.createdAt },
      endpoint: {
        id: endpointId,
        url: "https://hooks.example.test/",
        authType: "none",
        authConfigCiphertext: null,
        secretCiphertext: "s",
        previousSecretCiphertext: null,
        previousSecretExpiresAt: null,
        failingSince,
      },
    });
    const attempt = {
      id: unique("att"),
      deliveryId,
      attemptedAt: seconds(now, 1),
      statusCode: 200,
      latencyMs: 5,
      error: null,
      responseExcerpt: "ok",
      requestHeaders: JSON.stringify({ "content-type": "application/json" }),
      responseHeaders: JSON.stringify({ "content-type": "text/plain" }),
      responseBody: "ok",
      responseTruncated: false,
    };
    const outcome = {
      id: deliveryId,
      status: "succeeded",
      attempts: 1,
      nextAttemptAt: null,
      lastAttemptAt: seconds(now, 1),
      lastStatusCode: 200,
      lastLatencyMs: 5,
      lastError: null,
      lastResponseExcerpt: "ok",
    };
    const stale = await database.hotPaths.recordDeliveryResults({
      attempts: [],
      outcomes: [{ ...outcome, owner: "someone-else" }],
      now,
    });
    expect(stale).toEqual(new Set());
    const recorded = await database.hotPaths.recordDeliveryResults({
      attempts: [attempt, { ...attempt, id: unique("att"), deliveryId: "dlv_deleted" }],
      outcomes: [{ ...outcome, owner }],
      now,
    });
    expect(recorded).toEqual(new Set([deliveryId]));
    expect(await db.webhookDelivery.findUniqueOrThrow({ where: { id: deliveryId } })).toMatchObject({
      status: "succeeded",
      attempts: 1,
      nextAttemptAt: null,
      lastAttemptAt: seconds(now, 1),
      leaseOwner: null,
    });
    expect(await db.webhookAttempt.count({ where: { deliveryId } })).toBe(1);
  });

  it("rate limits are counted in the shared RateLimitCounter table and refuse past the budget", async () => {
    const keyPrefix = unique("rl");
    const limiter = database.hotPaths.createRateLimiter({ keyPrefix, points: 2, durationSeconds: 60, hotPath: false });
    expect(await limiter.consume("k")).toEqual({ allowed: true });
    expect(await limiter.consume("k")).toEqual({ allowed: true });
    const refused = await limiter.consume("k");
    expect(refused.allowed).toBe(false);
    expect(refused.allowed === false && refused.msBeforeNext).toBeGreaterThan(50_000);
    expect(await db.rateLimitCounter.count({ where: { key: `${keyPrefix}:k` } })).toBe(1);
    await limiter.reset("k");
    expect(await limiter.consume("k")).toEqual({ allowed: true });
  });

  it("a hot-path limiter lets exactly its budget through when many requests consume at once", async () => {
    const keyPrefix = unique("hot");
    const limiter = database.hotPaths.createRateLimiter({ keyPrefix, points: 5, durationSeconds: 60, hotPath: true });
    const outcomes = await Promise.all(Array.from({ length: 20 }, (_, i) => limiter.consume(i % 2 ? "a" : "b")));
    const allowed = (key: number) => outcomes.filter((outcome, i) => i % 2 === key && outcome.allowed).length;
    expect([allowed(0), allowed(1)]).toEqual([5, 5]);
    // Refused in arrival order: the first five of each key pass.
    expect(outcomes.slice(0, 10).every((outcome) => outcome.allowed)).toBe(true);
    const refused = outcomes[19];
    expect(refused?.allowed === false && refused.msBeforeNext).toBeGreaterThan(50_000);
    expect((await limiter.take("a")).consumedPoints).toBe(11);
    await limiter.reset("a");
    expect(await limiter.consume("a")).toEqual({ allowed: true });
  });

  it("hot-path windows consumed together each keep their own budget and duration", async () => {
    const hot = (points: number, durationSeconds: number) =>
      database.hotPaths.createRateLimiter({ keyPrefix: unique("hot"), points, durationSeconds, hotPath: true });
    const [small, large] = [hot(2, 10), hot(4, 600)];
    const outcomes = await Promise.all(
      Array.from({ length: 6 }, () => Promise.all([small.take("same-key"), large.take("same-key")])),
    );
    expect(outcomes.map(([a, b]) => [a.allowed, b.allowed])).toEqual([
      [true, true],
      [true, true],
      [false, true],
      [false, true],
      [false, false],
      [false, false],
    ]);
    const last = outcomes.at(-1);
    expect(last?.[0].msBeforeNext).toBeLessThanOrEqual(10_000);
    expect(last?.[1].msBeforeNext).toBeGreaterThan(500_000);
  });
});
