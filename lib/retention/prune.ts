// The retention job: deletes rows past their retention, table by table, in batches. Each batch is one SELECT of at
// most `batchSize` ids and one DELETE by those ids — a short transaction of its own, so writers (SQLite has one at a
// time) wait at most one batch, never a whole table. Idempotent: processes pruning at once delete each row once.
import { setImmediate as yieldToEventLoop } from "node:timers/promises";
import { getDb } from "@/lib/db/client";
import { getMetrics } from "@/lib/ops/metrics";
import type { RetentionSettings } from "./settings";

const DAY_MS = 86_400_000;

export type RetentionTable =
  | "webhook_deliveries"
  | "outbox_events"
  | "transactions"
  | "login_tokens"
  | "callback_logs"
  | "rate_limit_counters";

interface Rule {
  table: RetentionTable;
  /** At most `limit` ids of rows past their retention. */
  selectExpired: (limit: number, now: Date) => Promise<string[]>;
  /** Deletes those rows (and what hangs off them); returns how many rows of this table went. */
  deleteRows: (ids: string[]) => Promise<number>;
}

const ids = (rows: { id: string }[]) => rows.map((row) => row.id);

function buildRules(settings: RetentionSettings): Rule[] {
  const db = getDb();
  const cutoff = (now: Date, days: number) => new Date(now.getTime() - days * DAY_MS);
  const deleteDeliveries = async (deliveryIds: string[]) => {
    // Attempts first: explicit rather than relying on the cascade, so each batch's size is bounded and visible.
    await db.webhookAttempt.deleteMany({ where: { deliveryId: { in: deliveryIds } } });
    return (await db.webhookDelivery.deleteMany({ where: { id: { in: deliveryIds } } })).count;
  };
  return [
    {
      table: "webhook_deliveries",
      selectExpired: async (limit, now) =>
        ids(
          await db.webhookDelivery.findMany({
            where: { status: { in: ["succeeded", "failed"] }, createdAt: { lt: cutoff(now, settings.deliveriesDays) } },
            select: { id: true },
            take: limit,
          }),
        ),
      deleteRows: deleteDeliveries,
    },
    {
      table: "outbox_events",
      selectExpired: async (limit, now) =>
        ids(
          await db.event.findMany({
            where: {
              createdAt: { lt: cutoff(now, settings.eventsDays) },
              dispatchedAt: { not: null },
              deliveries: { none: { status: "pending" } },
            },
            select: { id: true },
            take: limit,
          }),
        ),
      deleteRows: async (eventIds) => {
        const deliveries = ids(
          await db.webhookDelivery.findMany({ where: { eventId: { in: eventIds } }, select: { id: true } }),
        );
        if (deliveries.length) await deleteDeliveries(deliveries);
        return (await db.event.deleteMany({ where: { id: { in: eventIds } } })).count;
      },
    },
    {
      table: "transactions",
      selectExpired: async (limit, now) =>
        ids(
          await db.transaction.findMany({
            where: { expiresAt: { lt: cutoff(now, settings.transactionsDays) } },
            select: { id: true },
            take: limit,
          }),
        ),
      deleteRows: async (rowIds) => (await db.transaction.deleteMany({ where: { id: { in: rowIds } } })).count,
    },
    {
      table: "login_tokens",
      selectExpired: async (limit, now) =>
        ids(
          await db.loginToken.findMany({
            where: { expiresAt: { lt: cutoff(now, settings.loginTokensDays) } },
            select: { id: true },
            take: limit,
          }),
        ),
      deleteRows: async (rowIds) => (await db.loginToken.deleteMany({ where: { id: { in: rowIds } } })).count,
    },
    {
      table: "callback_logs",
      selectExpired: async (limit, now) =>
        ids(
          await db.callbackLog.findMany({
            where: { createdAt: { lt: cutoff(now, settings.callbackLogsDays) } },
            select: { id: true },
            take: limit,
          }),
        ),
      deleteRows: async (rowIds) => (await db.callbackLog.deleteMany({ where: { id: { in: rowIds } } })).count,
    },
    {
      // Counters whose window has ended carry no information: the next request starts a fresh window anyway.
      table: "rate_limit_counters",
      selectExpired: async (limit, now) =>
        (
          await db.rateLimitCounter.findMany({
            where: { expire: { lt: BigInt(now.getTime()) } },
            select: { key: true },
            take: limit,
          })
        ).map((row) => row.key),
      deleteRows: async (keys) =>
        (await db.rateLimitCounter.deleteMany({ where: { key: { in: keys }, expire: { lt: BigInt(Date.now()) } } }))
          .count,
    },
  ];
}

/** One pass over every table; returns the rows deleted per table. */
export async function pruneExpiredRows(options: {
  settings: RetentionSettings;
  now?: Date;
  /** Stop between batches when this says so (shutdown). */
  shouldStop?: () => boolean;
}): Promise<Record<RetentionTable, number>> {
  const now = options.now ?? new Date();
  const deleted = {} as Record<RetentionTable, number>;
  for (const rule of buildRules(options.settings)) {
    deleted[rule.table] = 0;
    for (;;) {
      if (options.shouldStop?.()) return deleted;
      const batch = await rule.selectExpired(options.settings.batchSize, now);
      if (!batch.length) break;
      const count = await rule.deleteRows(batch);
      deleted[rule.table] += count;
      getMetrics().retentionDeleted.inc({ table: rule.table }, count);
      if (batch.length < options.settings.batchSize) break;
      await yieldToEventLoop(); // let requests and other loops in between batches
    }
  }
  return deleted;
}
