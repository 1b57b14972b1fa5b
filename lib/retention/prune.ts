// The retention job: deletes rows past their retention, table by table, in batches. Each batch is one index-backed
// SELECT of at most `batchSize` keys and one DELETE by those keys — a short transaction of its own, so writers (SQLite
// has one at a time) wait at most one batch, never a whole table. Idempotent: processes pruning at once delete each
// row once. What each table keeps is listed in ./tables.ts (and, generated from it, in docs/configuration.md).
import { setImmediate as yieldToEventLoop } from "node:timers/promises";
import type { RetentionSettings } from "@/lib/config";
import { getDb } from "@/lib/db/client";
import { getMetrics } from "@/lib/ops/metrics";
import type { RetentionTable } from "./tables";

const DAY_MS = 86_400_000;

/** One batch of one table: how many rows the SELECT found (fewer than the limit: the table is done) and deleted. */
type DeleteBatch = (options: { limit: number; now: Date }) => Promise<{ found: number; deleted: number }>;

/** The common shape: select at most `limit` keys of expired rows, then delete exactly those. */
function byKeys(
  selectExpired: (limit: number, now: Date) => Promise<string[]>,
  deleteRows: (keys: string[]) => Promise<number>,
): DeleteBatch {
  return async ({ limit, now }) => {
    const keys = await selectExpired(limit, now);
    return { found: keys.length, deleted: keys.length ? await deleteRows(keys) : 0 };
  };
}

/**
 * Tables keyed by (subject, time slot) — a day, a quarter hour: the oldest slot past the cutoff, at most `limit` of
 * its subjects per batch, by the index on the slot. Goes on while any slot past the cutoff is left.
 */
function bySlot<Slot>(options: {
  findOldest: (now: Date) => Promise<Slot | null>;
  subjectsAt: (slot: Slot, limit: number) => Promise<string[]>;
  deleteAt: (slot: Slot, subjects: string[]) => Promise<number>;
}): DeleteBatch {
  return async ({ limit, now }) => {
    const slot = await options.findOldest(now);
    if (slot === null) return { found: 0, deleted: 0 };
    const subjects = [...new Set(await options.subjectsAt(slot, limit))];
    return { found: limit, deleted: subjects.length ? await options.deleteAt(slot, subjects) : 0 };
  };
}

const ids = (rows: { id: string }[]) => rows.map((row) => row.id);

function buildRules(settings: RetentionSettings): Record<RetentionTable, DeleteBatch> {
  const db = getDb();
  const cutoff = (now: Date, days: number) => new Date(now.getTime() - days * DAY_MS);
  const finished = ["succeeded", "failed"];
  const deleteDeliveries = async (deliveryIds: string[]) => {
    // Attempts first: explicit rather than relying on the cascade, so each batch's size is bounded and visible.
    await db.webhookAttempt.deleteMany({ where: { deliveryId: { in: deliveryIds } } });
    return (await db.webhookDelivery.deleteMany({ where: { id: { in: deliveryIds } } })).count;
  };
  return {
    service_checks: byKeys(
      async (limit, now) =>
        ids(
          await db.serviceCheck.findMany({
            where: { checkedAt: { lt: cutoff(now, settings.checksDays) } },
            select: { id: true },
            take: limit,
          }),
        ),
      async (keys) => (await db.serviceCheck.deleteMany({ where: { id: { in: keys } } })).count,
    ),
    service_check_days: bySlot({
      findOldest: async (now) =>
        (
          await db.serviceCheckDaily.findFirst({
            where: { day: { lt: cutoff(now, settings.checkAggregatesDays).toISOString().slice(0, 10) } },
            orderBy: { day: "asc" },
            select: { day: true },
          })
        )?.day ?? null,
      subjectsAt: async (day, limit) =>
        (await db.serviceCheckDaily.findMany({ where: { day }, select: { serviceId: true }, take: limit })).map(
          (row) => row.serviceId,
        ),
      deleteAt: async (day, serviceIds) =>
        (await db.serviceCheckDaily.deleteMany({ where: { day, serviceId: { in: serviceIds } } })).count,
    }),
    webhook_deliveries: byKeys(
      async (limit, now) =>
        ids(
          await db.webhookDelivery.findMany({
            where: { createdAt: { lt: cutoff(now, settings.deliveriesDays) }, status: { in: finished } },
            select: { id: true },
            take: limit,
          }),
        ),
      deleteDeliveries,
    ),
    outbox_events: byKeys(
      async (limit, now) =>
        ids(
          await db.event.findMany({
            where: {
              // Fanned out before the cutoff (so also created before it); null = not fanned out yet: never pruned.
              dispatchedAt: { lt: cutoff(now, settings.eventsDays) },
              deliveries: { none: { status: "pending" } },
            },
            select: { id: true },
            take: limit,
          }),
        ),
      async (eventIds) => {
        const deliveries = ids(
          await db.webhookDelivery.findMany({ where: { eventId: { in: eventIds } }, select: { id: true } }),
        );
        if (deliveries.length) await deleteDeliveries(deliveries);
        // Re-checked here: a replay may have made one of the event's deliveries pending since the SELECT.
        return (
          await db.event.deleteMany({
            where: { id: { in: eventIds }, dispatchedAt: { not: null }, deliveries: { none: { status: "pending" } } },
          })
        ).count;
      },
    ),
    transactions: byKeys(
      async (limit, now) =>
        ids(
          await db.transaction.findMany({
            where: { issuedAt: { lt: cutoff(now, settings.transactionsDays) } },
            select: { id: true },
            take: limit,
          }),
        ),
      async (keys) => (await db.transaction.deleteMany({ where: { id: { in: keys } } })).count,
    ),
    login_tokens: byKeys(
      async (limit, now) =>
        ids(
          await db.loginToken.findMany({
            where: { createdAt: { lt: cutoff(now, settings.loginTokensDays) } },
            select: { id: true },
            take: limit,
          }),
        ),
      async (keys) => (await db.loginToken.deleteMany({ where: { id: { in: keys } } })).count,
    ),
    callback_logs: byKeys(
      async (limit, now) =>
        ids(
          await db.callbackLog.findMany({
            where: { createdAt: { lt: cutoff(now, settings.callbackLogsDays) } },
            select: { id: true },
            take: limit,
          }),
        ),
      async (keys) => (await db.callbackLog.deleteMany({ where: { id: { in: keys } } })).count,
    ),
    mail_messages: byKeys(
      async (limit, now) =>
        ids(
          await db.mailMessage.findMany({
            where: { createdAt: { lt: cutoff(now, settings.mailDays) }, status: { in: ["sent", "failed", "kept"] } },
            select: { id: true },
            take: limit,
          }),
        ),
      async (keys) =>
        (await db.mailMessage.deleteMany({ where: { id: { in: keys }, status: { not: "pending" } } })).count,
    ),
    usage_buckets: bySlot({
      findOldest: async (now) =>
        (
          await db.usageBucket.findFirst({
            where: { bucketStart: { lt: cutoff(now, settings.usageDays) } },
            orderBy: { bucketStart: "asc" },
            select: { bucketStart: true },
          })
        )?.bucketStart ?? null,
      subjectsAt: async (bucketStart, limit) =>
        (await db.usageBucket.findMany({ where: { bucketStart }, select: { subjectId: true }, take: limit })).map(
          (row) => row.subjectId,
        ),
      // Every metric of those subjects in that quarter hour: at most a handful of rows per subject.
      deleteAt: async (bucketStart, subjectIds) =>
        (await db.usageBucket.deleteMany({ where: { bucketStart, subjectId: { in: subjectIds } } })).count,
    }),
    user_sessions: byKeys(
      async (limit, now) =>
        ids(
          await db.userSession.findMany({
            where: { expiresAt: { lt: cutoff(now, settings.sessionsDays) } },
            select: { id: true },
            take: limit,
          }),
        ),
      async (keys) => (await db.userSession.deleteMany({ where: { id: { in: keys } } })).count,
    ),
    audit_events: byKeys(
      async (limit, now) =>
        ids(
          await db.auditEvent.findMany({
            where: { createdAt: { lt: cutoff(now, settings.auditDays) } },
            select: { id: true },
            take: limit,
          }),
        ),
      async (keys) => (await db.auditEvent.deleteMany({ where: { id: { in: keys } } })).count,
    ),
    // Counters whose window has ended carry no information: the next request starts a fresh window anyway. Live
    // counters are few (one per key in a current window), so this SELECT reads little even without an index.
    rate_limit_counters: byKeys(
      async (limit, now) =>
        (
          await db.rateLimitCounter.findMany({
            where: { expire: { lt: BigInt(now.getTime()) } },
            select: { key: true },
            take: limit,
          })
        ).map((row) => row.key),
      async (keys) =>
        (await db.rateLimitCounter.deleteMany({ where: { key: { in: keys }, expire: { lt: BigInt(Date.now()) } } }))
          .count,
    ),
  };
}

/** One pass over every table; returns the rows deleted per table. */
export async function pruneExpiredRows(options: {
  settings: RetentionSettings;
  now?: Date;
  /** Stop between batches when this says so (shutdown). */
  shouldStop?: () => boolean;
  /** Called after each batch with the rows it deleted. */
  onBatch?: (batch: { table: RetentionTable; deleted: number }) => void;
}): Promise<Record<RetentionTable, number>> {
  const now = options.now ?? new Date();
  const limit = options.settings.batchSize;
  const rules = buildRules(options.settings);
  const deleted = Object.fromEntries(Object.keys(rules).map((table) => [table, 0])) as Record<RetentionTable, number>;
  for (const [table, deleteBatch] of Object.entries(rules) as [RetentionTable, DeleteBatch][]) {
    for (;;) {
      if (options.shouldStop?.()) return deleted;
      const batch = await deleteBatch({ limit, now });
      deleted[table] += batch.deleted;
      options.onBatch?.({ table, deleted: batch.deleted });
      if (batch.deleted) getMetrics().retentionDeleted.inc({ table }, batch.deleted);
      if (batch.found < limit) break;
      await yieldToEventLoop(); // let requests and other loops in between batches
    }
  }
  return deleted;
}
