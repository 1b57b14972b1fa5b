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

/** What byIds needs of a Prisma model: any model with an `id` has it, and `where` is checked against the model. */
interface RowsById<Where> {
  findMany(args: { where: Where; select: { id: true }; take: number }): PromiseLike<{ id: string }[]>;
  deleteMany(args: { where: { id: { in: string[] } } }): PromiseLike<{ count: number }>;
}

/** Rows of `model` that `expired(now)` selects, by id; deleted by id unless `deleteRows` says how. */
function byIds<Where>(
  model: RowsById<Where>,
  expired: (now: Date) => Where,
  deleteRows?: (ids: string[]) => Promise<number>,
): DeleteBatch {
  return byKeys(
    async (limit, now) =>
      (await model.findMany({ where: expired(now), select: { id: true }, take: limit })).map((row) => row.id),
    deleteRows ?? (async (ids) => (await model.deleteMany({ where: { id: { in: ids } } })).count),
  );
}

function buildRules(settings: RetentionSettings): Record<RetentionTable, DeleteBatch> {
  const db = getDb();
  const before = (days: number, now: Date) => ({ lt: new Date(now.getTime() - days * DAY_MS) });
  const deleteDeliveries = async (deliveryIds: string[]) => {
    // Attempts first: explicit rather than relying on the cascade, so each batch's size is bounded and visible.
    await db.webhookAttempt.deleteMany({ where: { deliveryId: { in: deliveryIds } } });
    return (await db.webhookDelivery.deleteMany({ where: { id: { in: deliveryIds } } })).count;
  };
  const noPendingDelivery = { deliveries: { none: { status: "pending" } } };
  return {
    service_checks: byIds(db.serviceCheck, (now) => ({ checkedAt: before(settings.checksDays, now) })),
    service_check_days: bySlot({
      findOldest: async (now) =>
        (
          await db.serviceCheckDaily.findFirst({
            where: { day: { lt: before(settings.checkAggregatesDays, now).lt.toISOString().slice(0, 10) } },
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
    webhook_deliveries: byIds(
      db.webhookDelivery,
      (now) => ({ createdAt: before(settings.deliveriesDays, now), status: { in: ["succeeded", "failed"] } }),
      deleteDeliveries,
    ),
    outbox_events: byIds(
      db.event,
      // Fanned out before the cutoff (so also created before it); null = not fanned out yet: never pruned.
      (now) => ({ dispatchedAt: before(settings.eventsDays, now), ...noPendingDelivery }),
      async (eventIds) => {
        const deliveries = await db.webhookDelivery.findMany({
          where: { eventId: { in: eventIds } },
          select: { id: true },
        });
        if (deliveries.length) await deleteDeliveries(deliveries.map((row) => row.id));
        // Re-checked here: a replay may have made one of the event's deliveries pending since the SELECT.
        const { count } = await db.event.deleteMany({
          where: { id: { in: eventIds }, dispatchedAt: { not: null }, ...noPendingDelivery },
        });
        return count;
      },
    ),
    transactions: byIds(db.transaction, (now) => ({ issuedAt: before(settings.transactionsDays, now) })),
    login_tokens: byIds(db.loginToken, (now) => ({ createdAt: before(settings.loginTokensDays, now) })),
    callback_logs: byIds(db.callbackLog, (now) => ({ createdAt: before(settings.callbackLogsDays, now) })),
    mail_messages: byIds(db.mailMessage, (now) => ({
      createdAt: before(settings.mailDays, now),
      status: { in: ["sent", "failed", "kept"] },
    })),
    usage_buckets: bySlot({
      findOldest: async (now) =>
        (
          await db.usageBucket.findFirst({
            where: { bucketStart: before(settings.usageDays, now) },
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
    user_sessions: byIds(db.userSession, (now) => ({ expiresAt: before(settings.sessionsDays, now) })),
    audit_events: byIds(db.auditEvent, (now) => ({ createdAt: before(settings.auditDays, now) })),
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
