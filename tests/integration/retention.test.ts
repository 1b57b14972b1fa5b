// The retention job removes rows past their retention, in batches, from every growing table — and nothing else.
import { randomBytes, randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { encryptSecret } from "@/lib/crypto/encryption";
import { createId } from "@/lib/crypto/random";
import { getDb } from "@/lib/db/client";
import { pruneExpiredRows } from "@/lib/retention/prune";
import type { RetentionSettings } from "@/lib/retention/settings";
import { createMonitoredServiceRow, createPartner } from "../support/factories";

const DAY = 86_400_000;
// A year of retention, rows 400 days old: other test files share this database, and none of theirs is that old.
const settings: RetentionSettings = {
  deliveriesDays: 365,
  eventsDays: 365,
  transactionsDays: 365,
  loginTokensDays: 365,
  callbackLogsDays: 365,
  batchSize: 2, // several batches per table
  intervalMs: 3_600_000,
};
const old = () => new Date(Date.now() - 400 * DAY);
const recent = () => new Date(Date.now() - DAY);
const hex = () => randomBytes(16).toString("hex");

async function seed() {
  const db = getDb();
  const partner = await createPartner();
  const service = await createMonitoredServiceRow({
    partnerId: partner.partnerId,
    url: "http://127.0.0.1:9/app",
    serviceId: randomUUID(),
    secret: hex(),
  });
  const endpoint = await db.webhookEndpoint.create({
    data: {
      id: createId("whe"),
      partnerId: partner.partnerId,
      url: "http://127.0.0.1:9/hook",
      secretCiphertext: encryptSecret(`whsec_${hex()}`),
      // Disabled: the server's webhook worker must not fan the test's undispatched event out to it while the test
      // inserts that event's delivery by hand (the unique (endpointId, eventId) pair would collide).
      status: "disabled",
      disabledReason: "retention test",
    },
  });
  const event = (createdAt: Date, dispatched: boolean) =>
    db.event.create({
      data: {
        id: createId("evt"),
        partnerId: partner.partnerId,
        type: "webhook.test",
        data: "{}",
        createdAt,
        dispatchedAt: dispatched ? createdAt : null,
      },
    });
  const delivery = async (eventId: string, status: string, createdAt: Date) => {
    const row = await db.webhookDelivery.create({
      data: { id: createId("dlv"), endpointId: endpoint.id, eventId, eventType: "webhook.test", status, createdAt },
    });
    await db.webhookAttempt.create({ data: { id: `att_${hex()}`, deliveryId: row.id, attemptedAt: createdAt } });
    return row.id;
  };
  const oldDone = await event(old(), true);
  const oldPending = await event(old(), true);
  const oldUndispatched = await event(old(), false);
  const fresh = await event(recent(), true);
  const freshToo = await event(recent(), true);
  const deliveries = {
    gone: [
      await delivery(oldDone.id, "succeeded", old()),
      await delivery(fresh.id, "failed", old()),
      await delivery(oldUndispatched.id, "succeeded", old()),
    ],
    kept: [await delivery(oldPending.id, "pending", old()), await delivery(freshToo.id, "succeeded", recent())],
  };
  const transaction = (expiresAt: Date) =>
    db.transaction.create({
      data: {
        id: createId("txn"),
        partnerId: partner.partnerId,
        xid: randomUUID(),
        phoneNumber: "+33612345678",
        tokenHash: hex(),
        issuedAt: new Date(expiresAt.getTime() - 90_000),
        expiresAt,
      },
    });
  const loginToken = (expiresAt: Date) =>
    db.loginToken.create({
      data: {
        id: createId("lgn"),
        tokenHash: hex(),
        userId: partner.userId,
        serviceId: service.id,
        partnerId: partner.partnerId,
        expiresAt,
        createdAt: new Date(expiresAt.getTime() - 60_000),
      },
    });
  const callbackLog = (createdAt: Date) =>
    db.callbackLog.create({
      data: { id: createId("cbl"), serviceId: service.id, createdAt, mode: "development", outcome: "certified" },
    });
  const rows = {
    transactions: { gone: [] as string[], kept: [] as string[] },
    loginTokens: { gone: [] as string[], kept: [] as string[] },
    callbackLogs: { gone: [] as string[], kept: [] as string[] },
  };
  for (let i = 0; i < 5; i++) {
    rows.transactions.gone.push((await transaction(old())).id);
    rows.loginTokens.gone.push((await loginToken(old())).id);
    rows.callbackLogs.gone.push((await callbackLog(old())).id);
  }
  rows.transactions.kept.push((await transaction(recent())).id);
  rows.loginTokens.kept.push((await loginToken(recent())).id);
  rows.callbackLogs.kept.push((await callbackLog(recent())).id);
  const prefix = `retention-test-${hex()}`;
  await db.rateLimitCounter.createMany({
    data: [
      { key: `${prefix}:expired`, points: 3, expire: BigInt(Date.now() - 60_000) },
      { key: `${prefix}:live`, points: 3, expire: BigInt(Date.now() + 60_000) },
    ],
  });
  return {
    partner,
    // An event not yet fanned out stays, whatever its age (its deliveries do not exist yet).
    // The undispatched event is not asserted either way: the shared server's webhook worker may dispatch it (making it
    // prunable) before the prune runs. It still carries a delivery, so the delivery rules above see it.
    events: { gone: [oldDone.id], kept: [oldPending.id, fresh.id, freshToo.id] },
    deliveries,
    rows,
    rateLimitKeys: { gone: `${prefix}:expired`, kept: `${prefix}:live` },
  };
}

describe("retention", () => {
  it("deletes rows past their retention from every growing table, in batches, and keeps the rest", async () => {
    const db = getDb();
    const seeded = await seed();
    const deleted = await pruneExpiredRows({ settings });
    expect(deleted.transactions).toBeGreaterThanOrEqual(5);
    expect(deleted.login_tokens).toBeGreaterThanOrEqual(5);
    expect(deleted.callback_logs).toBeGreaterThanOrEqual(5);
    expect(deleted.webhook_deliveries).toBeGreaterThanOrEqual(2);
    expect(deleted.rate_limit_counters).toBeGreaterThanOrEqual(1);

    const remaining = async <T extends { id: string }>(find: (ids: string[]) => Promise<T[]>, ids: string[]) =>
      (await find(ids)).map((row) => row.id).sort();
    const txn = (ids: string[]) => db.transaction.findMany({ where: { id: { in: ids } }, select: { id: true } });
    const lgn = (ids: string[]) => db.loginToken.findMany({ where: { id: { in: ids } }, select: { id: true } });
    const cbl = (ids: string[]) => db.callbackLog.findMany({ where: { id: { in: ids } }, select: { id: true } });
    const dlv = (ids: string[]) => db.webhookDelivery.findMany({ where: { id: { in: ids } }, select: { id: true } });
    const evt = (ids: string[]) => db.event.findMany({ where: { id: { in: ids } }, select: { id: true } });
    const { rows, deliveries, events } = seeded;
    expect(await remaining(txn, [...rows.transactions.gone, ...rows.transactions.kept])).toEqual(
      rows.transactions.kept,
    );
    expect(await remaining(lgn, [...rows.loginTokens.gone, ...rows.loginTokens.kept])).toEqual(rows.loginTokens.kept);
    expect(await remaining(cbl, [...rows.callbackLogs.gone, ...rows.callbackLogs.kept])).toEqual(
      rows.callbackLogs.kept,
    );
    expect(await remaining(dlv, [...deliveries.gone, ...deliveries.kept])).toEqual([...deliveries.kept].sort());
    expect(await remaining(evt, [...events.gone, ...events.kept])).toEqual([...events.kept].sort());
    expect(await db.webhookAttempt.count({ where: { deliveryId: { in: deliveries.gone } } })).toBe(0);
    expect(await db.webhookAttempt.count({ where: { deliveryId: { in: deliveries.kept } } })).toBe(2);
    const keys = await db.rateLimitCounter.findMany({
      where: { key: { in: [seeded.rateLimitKeys.gone, seeded.rateLimitKeys.kept] } },
      select: { key: true },
    });
    expect(keys.map((row) => row.key)).toEqual([seeded.rateLimitKeys.kept]);

    // A second pass finds nothing of this test's left to delete.
    const again = await pruneExpiredRows({ settings });
    expect(again.transactions + again.login_tokens + again.callback_logs).toBe(0);
  });

  it("stops between batches when asked to (shutdown)", async () => {
    await seed();
    let batches = 0;
    const deleted = await pruneExpiredRows({ settings, shouldStop: () => batches++ >= 1 });
    expect(Object.values(deleted).reduce((sum, count) => sum + count, 0)).toBeLessThanOrEqual(settings.batchSize);
  });
});
