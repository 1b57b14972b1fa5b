// The retention job removes rows past their retention, in batches, from every growing table — and nothing else.
// Worker-free: the pruning runs in this process on a database of the test's own, which no server or worker touches,
// so every count is exact and no background loop races the rows inserted by hand.
import { randomBytes, randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { getConfig, type RetentionSettings } from "@/lib/config";
import { encryptSecret } from "@/lib/crypto/encryption";
import { createId } from "@/lib/crypto/random";
import { getDb } from "@/lib/db/client";
import { pruneExpiredRows } from "@/lib/retention/prune";
import { createMonitoredServiceRow, createPartner } from "../support/factories";
import { runOnPrivateDatabase } from "../support/private-database";

const DAY = 86_400_000;
const settings: RetentionSettings = {
  ...getConfig().retention,
  checksDays: 30,
  checkAggregatesDays: 30,
  deliveriesDays: 30,
  eventsDays: 30,
  transactionsDays: 30,
  loginTokensDays: 30,
  callbackLogsDays: 30,
  mailDays: 30,
  usageDays: 30,
  sessionsDays: 30,
  auditDays: 30,
  batchSize: 50,
};
const old = (extraDays = 0) => new Date(Date.now() - (40 + extraDays) * DAY);
const recent = () => new Date(Date.now() - DAY);
const hex = () => randomBytes(16).toString("hex");

runOnPrivateDatabase("retention");

async function createEndpoint(partnerId: string) {
  return getDb().webhookEndpoint.create({
    data: {
      id: createId("whe"),
      partnerId,
      url: "http://127.0.0.1:9/hook",
      secretCiphertext: encryptSecret(`whsec_${hex()}`),
    },
  });
}

async function createEvent(options: { partnerId: string; createdAt: Date; dispatched: boolean }) {
  return getDb().event.create({
    data: {
      id: createId("evt"),
      partnerId: options.partnerId,
      type: "webhook.test",
      data: "{}",
      createdAt: options.createdAt,
      dispatchedAt: options.dispatched ? options.createdAt : null,
    },
  });
}

async function createDelivery(options: { endpointId: string; eventId: string; status: string; createdAt: Date }) {
  const row = await getDb().webhookDelivery.create({
    data: { id: createId("dlv"), eventType: "webhook.test", ...options },
  });
  await getDb().webhookAttempt.create({
    data: { id: `att_${hex()}`, deliveryId: row.id, attemptedAt: options.createdAt },
  });
  return row.id;
}

async function createTransactions(partnerId: string, issuedAt: Date[]) {
  await getDb().transaction.createMany({
    data: issuedAt.map((at) => ({
      id: createId("txn"),
      partnerId,
      xid: randomUUID(),
      phoneNumber: "+33612345678",
      tokenHash: hex(),
      issuedAt: at,
      expiresAt: new Date(at.getTime() + 90_000),
    })),
  });
}

const remainingIds = async (find: (ids: string[]) => Promise<{ id: string }[]>, ids: string[]) =>
  (await find(ids)).map((row) => row.id).sort();

describe("retention", () => {
  it("never prunes an outbox event that is not fanned out yet, nor one with a pending delivery, however old", async () => {
    const db = getDb();
    const { partnerId } = await createPartner();
    const endpoint = await createEndpoint(partnerId);
    const undispatched = await createEvent({ partnerId, createdAt: old(300), dispatched: false });
    const undispatchedWithDelivery = await createEvent({ partnerId, createdAt: old(300), dispatched: false });
    const pending = await createEvent({ partnerId, createdAt: old(), dispatched: true });
    const done = await createEvent({ partnerId, createdAt: old(), dispatched: true });
    const fresh = await createEvent({ partnerId, createdAt: recent(), dispatched: true });
    const deliveries = {
      pending: await createDelivery({
        endpointId: endpoint.id,
        eventId: pending.id,
        status: "pending",
        createdAt: old(),
      }),
      done: await createDelivery({ endpointId: endpoint.id, eventId: done.id, status: "succeeded", createdAt: old() }),
      // A finished delivery of an event not fanned out (as a replayed test send leaves): the delivery goes, the event stays.
      ofUndispatched: await createDelivery({
        endpointId: endpoint.id,
        eventId: undispatchedWithDelivery.id,
        status: "failed",
        createdAt: old(),
      }),
    };

    const deleted = await pruneExpiredRows({ settings });

    expect(deleted.outbox_events).toBe(1);
    expect(deleted.webhook_deliveries).toBe(2);
    const events = (ids: string[]) => db.event.findMany({ where: { id: { in: ids } }, select: { id: true } });
    expect(
      await remainingIds(events, [undispatched.id, undispatchedWithDelivery.id, pending.id, done.id, fresh.id]),
    ).toEqual([undispatched.id, undispatchedWithDelivery.id, pending.id, fresh.id].sort());
    const left = await db.webhookDelivery.findMany({ select: { id: true } });
    expect(left.map((row) => row.id)).toEqual([deliveries.pending]);
    expect(
      await db.webhookAttempt.count({ where: { deliveryId: { in: [deliveries.done, deliveries.ofUndispatched] } } }),
    ).toBe(0);
    expect(await db.webhookAttempt.count({ where: { deliveryId: deliveries.pending } })).toBe(1);
  });

  it("prunes more rows than one batch, in batches, and keeps every row inside its retention", async () => {
    const db = getDb();
    const { partnerId } = await createPartner();
    const expired = settings.batchSize * 3 + 7;
    await createTransactions(
      partnerId,
      Array.from({ length: expired }, (_, i) => new Date(old().getTime() - i * 60_000)),
    );
    // The newest kept row sits a minute inside the retention; the oldest pruned one a minute outside it.
    const boundary = Date.now() - settings.transactionsDays * DAY;
    await createTransactions(partnerId, [new Date(boundary + 60_000), recent(), new Date()]);
    await createTransactions(partnerId, [new Date(boundary - 60_000)]);
    const batches: number[] = [];

    const deleted = await pruneExpiredRows({
      settings,
      onBatch: (batch) => {
        if (batch.table === "transactions") batches.push(batch.deleted);
      },
    });

    expect(deleted.transactions).toBe(expired + 1);
    expect(await db.transaction.count({ where: { partnerId } })).toBe(3);
    expect(await db.transaction.count({ where: { partnerId, issuedAt: { lt: new Date(boundary) } } })).toBe(0);
    // Full batches, then the one that finds the rest: a batch never holds more than batchSize rows.
    expect(batches).toEqual([settings.batchSize, settings.batchSize, settings.batchSize, 8]);
    expect((await pruneExpiredRows({ settings })).transactions).toBe(0);
  });

  it("deletes rows past their retention from every other growing table and keeps the rest", async () => {
    const db = getDb();
    const partner = await createPartner();
    const service = await createMonitoredServiceRow({
      partnerId: partner.partnerId,
      url: "http://127.0.0.1:9/app",
      serviceId: randomUUID(),
      secret: hex(),
    });
    const ids = {
      checks: { gone: [] as string[], kept: [] as string[] },
      loginTokens: { gone: [] as string[], kept: [] as string[] },
      callbackLogs: { gone: [] as string[], kept: [] as string[] },
      mail: { gone: [] as string[], kept: [] as string[] },
      sessions: { gone: [] as string[], kept: [] as string[] },
      audit: { gone: [] as string[], kept: [] as string[] },
    };
    const check = async (checkedAt: Date) =>
      (
        await db.serviceCheck.create({
          data: { id: createId("chk"), serviceId: service.id, checkedAt, outcome: "live" },
        })
      ).id;
    const loginToken = async (createdAt: Date) =>
      (
        await db.loginToken.create({
          data: {
            id: createId("lgn"),
            tokenHash: hex(),
            userId: partner.userId,
            serviceId: service.id,
            partnerId: partner.partnerId,
            createdAt,
            expiresAt: new Date(createdAt.getTime() + 120_000),
          },
        })
      ).id;
    const callbackLog = async (createdAt: Date) =>
      (
        await db.callbackLog.create({
          data: { id: createId("cbl"), serviceId: service.id, createdAt, mode: "development", outcome: "certified" },
        })
      ).id;
    const mail = async (createdAt: Date, status: string) =>
      (
        await db.mailMessage.create({
          data: {
            id: `mail_${hex()}`,
            kind: "test",
            toAddress: "a@example.test",
            subject: "s",
            text: "t",
            status,
            createdAt,
          },
        })
      ).id;
    const session = async (expiresAt: Date) =>
      (
        await db.userSession.create({
          data: { id: `ses_${hex()}`, userId: partner.userId, createdAt: expiresAt, expiresAt },
        })
      ).id;
    const audit = async (createdAt: Date) =>
      (
        await db.auditEvent.create({
          data: {
            id: `aud_${hex()}`,
            partnerId: partner.partnerId,
            action: "service.created",
            actorType: "system",
            targetType: "service",
            targetId: service.id,
            createdAt,
          },
        })
      ).id;
    for (const [i, finished] of ["sent", "failed", "kept"].entries()) {
      ids.checks.gone.push(await check(old(i)));
      ids.loginTokens.gone.push(await loginToken(old(i)));
      ids.callbackLogs.gone.push(await callbackLog(old(i)));
      ids.mail.gone.push(await mail(old(i), finished));
      ids.sessions.gone.push(await session(old(i)));
      ids.audit.gone.push(await audit(old(i)));
    }
    ids.checks.kept.push(await check(recent()));
    ids.loginTokens.kept.push(await loginToken(recent()));
    ids.callbackLogs.kept.push(await callbackLog(recent()));
    ids.mail.kept.push(await mail(recent(), "sent"), await mail(old(), "pending"));
    ids.sessions.kept.push(await session(recent()), await session(new Date(Date.now() + DAY)));
    ids.audit.kept.push(await audit(recent()));
    const day = (at: Date) => at.toISOString().slice(0, 10);
    await db.serviceCheckDaily.createMany({
      data: [old(), old(1), recent()].map((at) => ({ serviceId: service.id, day: day(at), total: 1, live: 1 })),
    });
    await db.usageBucket.createMany({
      data: [old(), old(1), recent()].map((bucketStart) => ({
        subjectId: partner.partnerId,
        metric: "transactions.issued",
        bucketStart,
        count: 1,
      })),
    });
    const prefix = `retention-test-${hex()}`;
    await db.rateLimitCounter.createMany({
      data: [
        { key: `${prefix}:expired`, points: 3, expire: BigInt(Date.now() - 60_000) },
        { key: `${prefix}:live`, points: 3, expire: BigInt(Date.now() + 60_000) },
      ],
    });

    const deleted = await pruneExpiredRows({ settings });

    expect(deleted).toMatchObject({
      service_checks: 3,
      service_check_days: 2,
      login_tokens: 3,
      callback_logs: 3,
      mail_messages: 3,
      user_sessions: 3,
      audit_events: 3,
      usage_buckets: 2,
      rate_limit_counters: 1,
    });
    const find = {
      checks: (list: string[]) => db.serviceCheck.findMany({ where: { id: { in: list } }, select: { id: true } }),
      loginTokens: (list: string[]) => db.loginToken.findMany({ where: { id: { in: list } }, select: { id: true } }),
      callbackLogs: (list: string[]) => db.callbackLog.findMany({ where: { id: { in: list } }, select: { id: true } }),
      mail: (list: string[]) => db.mailMessage.findMany({ where: { id: { in: list } }, select: { id: true } }),
      sessions: (list: string[]) => db.userSession.findMany({ where: { id: { in: list } }, select: { id: true } }),
      audit: (list: string[]) => db.auditEvent.findMany({ where: { id: { in: list } }, select: { id: true } }),
    };
    for (const table of Object.keys(find) as (keyof typeof find)[]) {
      expect(await remainingIds(find[table], [...ids[table].gone, ...ids[table].kept]), table).toEqual(
        [...ids[table].kept].sort(),
      );
    }
    expect((await db.serviceCheckDaily.findMany({ select: { day: true } })).map((row) => row.day)).toEqual([
      day(recent()),
    ]);
    expect(await db.usageBucket.count()).toBe(1);
    const keys = await db.rateLimitCounter.findMany({ where: { key: { startsWith: prefix } }, select: { key: true } });
    expect(keys.map((row) => row.key)).toEqual([`${prefix}:live`]);
  });

  it("stops between batches when asked to (shutdown), leaving the rest to the next pass", async () => {
    const { partnerId } = await createPartner();
    await createTransactions(
      partnerId,
      Array.from({ length: settings.batchSize * 2 }, () => old()),
    );
    let deletedSoFar = 0;
    const deleted = await pruneExpiredRows({
      settings,
      onBatch: (batch) => {
        deletedSoFar += batch.deleted;
      },
      shouldStop: () => deletedSoFar > 0,
    });
    expect(deleted.transactions).toBe(settings.batchSize);
    expect(await getDb().transaction.count({ where: { partnerId } })).toBe(settings.batchSize);
  });
});
