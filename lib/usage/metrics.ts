// What lib/usage counts: one entry per metric, each a count of raw rows per subject (partner, service or endpoint)
// over a time range, read through an index on the row's time column. The rollup stores these counts per quarter
// hour; the readers add the raw rows newer than the last rollup.
import { SUCCESSFUL_CALLBACK_OUTCOMES } from "@/lib/callbacks/schemas";
import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db/client";
import { LOGIN_TOKEN_TTL_MS } from "@/lib/login/tokens";
import { TOKEN_LIFETIME_SECONDS } from "@/lib/tokens/jwt";

export interface TimeRange {
  from: Date;
  to: Date;
}

export interface UsageMetric {
  /**
   * How long after its end a quarter hour's count may still change, because rows change after they were written (a
   * JWT verified within its lifetime, a delivery finished after its retries); 0 for rows that never change. The rollup
   * recomputes buckets this recent on every pass.
   */
  settleMs: () => number;
  /** The subject and time of the rows in [from, to), oldest first, at most `limit` (the rollup's read). */
  listRows: (range: TimeRange, limit: number) => Promise<{ subjectId: string; at: Date }[]>;
  /** Rows in [from, to), per subject (subjects without rows are absent): for a quarter hour too full to list. */
  countBySubject: (range: TimeRange) => Promise<Map<string, number>>;
  /** One subject's rows in [from, to). */
  countForSubject: (subjectId: string, range: TimeRange) => Promise<number>;
  /**
   * The time of the first row at or after `from` (null: the oldest row), or an earlier time; null when there is none.
   * Lets a pass skip stretches without rows, and a first pass start at the oldest row.
   */
  findNextTime: (from: Date | null) => Promise<Date | null>;
}

/** A row's time is taken a moment before it commits (batched writes, clocks of several servers). */
export const COMMIT_SLACK_MS = 60_000;

/** groupBy's rows as subject → count. Takes the rows already awaited: as an argument, groupBy's types misinfer. */
function bySubject<K extends string>(key: K, groups: ({ [P in K]: string } & { _count: { _all: number } })[]) {
  return new Map(groups.map((group) => [group[key], group._count._all]));
}

/** A token is redeemed within its lifetime of being created (plus a commit's slack). */
const REDEEM_WINDOW_MS = LOGIN_TOKEN_TTL_MS + COMMIT_SLACK_MS;

const between = (range: TimeRange) => ({ gte: range.from, lt: range.to });

/** Tokens redeemed in the range, read through the createdAt index (a token is redeemed within its lifetime). */
const redeemedIn = (range: TimeRange) => ({
  createdAt: { gte: new Date(range.from.getTime() - REDEEM_WINDOW_MS), lt: range.to },
  redeemedAt: between(range),
});
const finishedDeliveryStatuses = ["succeeded", "failed"] as const;

/** Longest a delivery can stay pending after it was created: every retry, each with its lease, plus slack. */
function deliverySettleMs(): number {
  const { retryScheduleSeconds, leaseSeconds } = getConfig().webhooks;
  const retries = retryScheduleSeconds.reduce((sum, seconds) => sum + seconds + leaseSeconds, 0);
  return (retries + leaseSeconds) * 1000 + COMMIT_SLACK_MS;
}

function transactionMetric(status?: "verified"): UsageMetric {
  const db = () => getDb().transaction;
  return {
    // Verification happens within the token's lifetime (plus 5 s leeway).
    settleMs: () => (status ? (TOKEN_LIFETIME_SECONDS + 5) * 1000 + COMMIT_SLACK_MS : 0),
    listRows: async (range, limit) =>
      (
        await db().findMany({
          where: { issuedAt: between(range), ...(status ? { status } : {}) },
          orderBy: { issuedAt: "asc" },
          take: limit,
          select: { partnerId: true, issuedAt: true },
        })
      ).map((row) => ({ subjectId: row.partnerId, at: row.issuedAt })),
    countBySubject: async (range) => {
      const groups = await db().groupBy({
        by: ["partnerId"],
        where: { issuedAt: between(range), ...(status ? { status } : {}) },
        _count: { _all: true },
      });
      return bySubject("partnerId", groups);
    },
    countForSubject: (partnerId, range) =>
      db().count({ where: { partnerId, issuedAt: between(range), ...(status ? { status } : {}) } }),
    findNextTime: async (from) =>
      (
        await db().findFirst({
          where: from ? { issuedAt: { gte: from } } : {},
          orderBy: { issuedAt: "asc" },
          select: { issuedAt: true },
        })
      )?.issuedAt ?? null,
  };
}

// The next row of the table, whatever its status: never later than the next row a filtered metric counts.
const nextLoginToken = async (from: Date | null) =>
  (
    await getDb().loginToken.findFirst({
      where: from ? { createdAt: { gte: from } } : {},
      orderBy: { createdAt: "asc" },
      select: { createdAt: true },
    })
  )?.createdAt ?? null;

const nextCallbackLog = async (from: Date | null) =>
  (
    await getDb().callbackLog.findFirst({
      where: from ? { createdAt: { gte: from } } : {},
      orderBy: { createdAt: "asc" },
      select: { createdAt: true },
    })
  )?.createdAt ?? null;

function callbackMetric(outcomes?: string[]): UsageMetric {
  // Test callbacks (sent from the panel) are not traffic.
  const where = (range: TimeRange) => ({
    createdAt: between(range),
    test: false,
    ...(outcomes ? { outcome: { in: outcomes } } : {}),
  });
  return {
    settleMs: () => 0,
    listRows: async (range, limit) =>
      (
        await getDb().callbackLog.findMany({
          where: where(range),
          orderBy: { createdAt: "asc" },
          take: limit,
          select: { serviceId: true, createdAt: true },
        })
      ).map((row) => ({ subjectId: row.serviceId, at: row.createdAt })),
    countBySubject: async (range) => {
      const groups = await getDb().callbackLog.groupBy({
        by: ["serviceId"],
        where: where(range),
        _count: { _all: true },
      });
      return bySubject("serviceId", groups);
    },
    countForSubject: (serviceId, range) => getDb().callbackLog.count({ where: { serviceId, ...where(range) } }),
    findNextTime: nextCallbackLog,
  };
}

function deliveryMetric(status: (typeof finishedDeliveryStatuses)[number]): UsageMetric {
  const where = (range: TimeRange) => ({ createdAt: between(range), status });
  return {
    settleMs: deliverySettleMs,
    listRows: async (range, limit) =>
      (
        await getDb().webhookDelivery.findMany({
          where: where(range),
          orderBy: { createdAt: "asc" },
          take: limit,
          select: { endpointId: true, createdAt: true },
        })
      ).map((row) => ({ subjectId: row.endpointId, at: row.createdAt })),
    countBySubject: async (range) => {
      const groups = await getDb().webhookDelivery.groupBy({
        by: ["endpointId"],
        where: where(range),
        _count: { _all: true },
      });
      return bySubject("endpointId", groups);
    },
    countForSubject: (endpointId, range) => getDb().webhookDelivery.count({ where: { endpointId, ...where(range) } }),
    findNextTime: async (from) =>
      (
        await getDb().webhookDelivery.findFirst({
          where: from ? { createdAt: { gte: from } } : {},
          orderBy: { createdAt: "asc" },
          select: { createdAt: true },
        })
      )?.createdAt ?? null,
  };
}

export const USAGE_METRICS = {
  /** JWTs issued, per partner, by issue time. */
  "transactions.issued": transactionMetric(),
  /** JWTs issued then verified, per partner, by issue time. */
  "transactions.verified": transactionMetric("verified"),
  /** One-time login launches, per partner, by launch time. */
  "logins.launched": {
    settleMs: () => 0,
    listRows: async (range, limit) =>
      (
        await getDb().loginToken.findMany({
          where: { createdAt: between(range) },
          orderBy: { createdAt: "asc" },
          take: limit,
          select: { partnerId: true, createdAt: true },
        })
      ).map((row) => ({ subjectId: row.partnerId, at: row.createdAt })),
    countBySubject: async (range) => {
      const groups = await getDb().loginToken.groupBy({
        by: ["partnerId"],
        where: { createdAt: between(range) },
        _count: { _all: true },
      });
      return bySubject("partnerId", groups);
    },
    countForSubject: (partnerId, range) =>
      getDb().loginToken.count({ where: { partnerId, createdAt: between(range) } }),
    findNextTime: nextLoginToken,
  },
  /**
   * One-time login redemptions, per partner, by redemption time. A token is redeemed within its lifetime, so the
   * tokens created in [from − lifetime, to) hold every redemption in [from, to): the createdAt index bounds the read.
   */
  "logins.redeemed": {
    settleMs: () => 0,
    listRows: async (range, limit) =>
      (
        await getDb().loginToken.findMany({
          where: redeemedIn(range),
          orderBy: { redeemedAt: "asc" },
          take: limit,
          select: { partnerId: true, redeemedAt: true },
        })
      ).map((row) => ({ subjectId: row.partnerId, at: row.redeemedAt ?? range.from })),
    countBySubject: async (range) => {
      const groups = await getDb().loginToken.groupBy({
        by: ["partnerId"],
        where: redeemedIn(range),
        _count: { _all: true },
      });
      return bySubject("partnerId", groups);
    },
    countForSubject: (partnerId, range) =>
      getDb().loginToken.count({ where: { partnerId, redeemedAt: between(range) } }),
    // A redemption at or after `from` belongs to a token created at most a lifetime before it.
    findNextTime: async (from) => {
      const created = await nextLoginToken(from && new Date(from.getTime() - REDEEM_WINDOW_MS));
      return created && from && created < from ? from : created;
    },
  },
  /** Real certification requests, per service (test callbacks excluded). */
  "callbacks.total": callbackMetric(),
  /** Certification requests certified (or answered from the cache), per service. */
  "callbacks.certified": callbackMetric(SUCCESSFUL_CALLBACK_OUTCOMES),
  /** Webhook deliveries that succeeded, per endpoint, by creation time. */
  "deliveries.succeeded": deliveryMetric("succeeded"),
  /** Webhook deliveries that failed for good, per endpoint, by creation time. */
  "deliveries.failed": deliveryMetric("failed"),
} satisfies Record<string, UsageMetric>;

export type UsageMetricName = keyof typeof USAGE_METRICS;
