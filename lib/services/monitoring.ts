// What the panel's monitoring page shows for one service: status, uptime, recent latency, history, versions.

import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { listChecks } from "./checks";
import { getServiceOrThrow, toServiceOutput } from "./services";

const DAY_MS = 86_400_000;
const UPTIME_WINDOWS = [
  { key: "24h", days: 1 },
  { key: "7d", days: 7 },
  { key: "30d", days: 30 },
] as const;

export type UptimeWindow = (typeof UPTIME_WINDOWS)[number]["key"];

const utcDayStart = (ms: number) => Math.floor(ms / DAY_MS) * DAY_MS;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * Share of checks in [since, now) that were `live`, as a percentage; null when nothing was checked. Whole UTC days
 * come from the daily aggregates (one row per day), the partial days at either end from the raw checks, so the cost
 * is bounded by a day's checks however long the window.
 */
async function computeUptime(
  serviceId: string,
  since: Date,
  now: Date,
): Promise<{ percent: number | null; checks: number }> {
  const db = getDb();
  const firstWholeDay = Math.ceil(since.getTime() / DAY_MS) * DAY_MS;
  const lastWholeDayEnd = utcDayStart(now.getTime());
  const wholeDays = firstWholeDay < lastWholeDayEnd;
  const rawRanges = wholeDays
    ? [
        { gte: since, lt: new Date(firstWholeDay) },
        { gte: new Date(lastWholeDayEnd), lt: now },
      ]
    : [{ gte: since, lt: now }];
  const [days, ...raw] = await Promise.all([
    wholeDays
      ? db.serviceCheckDaily.aggregate({
          where: { serviceId, day: { gte: isoDay(firstWholeDay), lt: isoDay(lastWholeDayEnd) } },
          _sum: { total: true, live: true },
        })
      : null,
    ...rawRanges.map((checkedAt) =>
      db.serviceCheck.groupBy({ by: ["outcome"], where: { serviceId, checkedAt }, _count: { _all: true } }),
    ),
  ]);
  let total = days?._sum.total ?? 0;
  let live = days?._sum.live ?? 0;
  for (const groups of raw) {
    for (const group of groups) {
      total += group._count._all;
      if (group.outcome === "live") live += group._count._all;
    }
  }
  return { percent: total ? Math.round((live / total) * 10_000) / 100 : null, checks: total };
}

export async function getServiceMonitoring(options: { partnerId: string; id: string; cursor?: string; now?: Date }) {
  const now = options.now ?? new Date();
  const row = await getServiceOrThrow({ partnerId: options.partnerId, id: options.id });
  const service = toServiceOutput(row);
  const [uptimes, recent, history, versions] = await Promise.all([
    Promise.all(
      UPTIME_WINDOWS.map(async (window) => ({
        window: window.key,
        ...(await computeUptime(row.id, new Date(now.getTime() - window.days * DAY_MS), now)),
      })),
    ),
    getDb().serviceCheck.findMany({
      where: { serviceId: row.id, checkedAt: { gte: new Date(now.getTime() - DAY_MS) } },
      orderBy: { checkedAt: "desc" },
      take: 500,
      select: { checkedAt: true, outcome: true, latencyMs: true },
    }),
    listChecks({ partnerId: options.partnerId, id: row.id, limit: 20, cursor: options.cursor }).catch((error) => {
      // A hand-edited cursor shows the first page rather than an error page.
      if (error instanceof AppError && error.code === "invalid_request")
        return listChecks({ partnerId: options.partnerId, id: row.id, limit: 20 });
      throw error;
    }),
    getDb().serviceVersion.findMany({ where: { serviceId: row.id }, orderBy: { firstSeenAt: "desc" }, take: 50 }),
  ]);
  return {
    service,
    lastCheck: history.data[0] && !options.cursor ? history.data[0] : null,
    uptimes,
    chart: recent
      .reverse()
      .map((check) => ({ t: check.checkedAt.getTime(), latency: check.latencyMs, outcome: check.outcome })),
    history,
    versions: versions.map((version) => ({ version: version.version, firstSeenAt: version.firstSeenAt.toISOString() })),
  };
}

export type ServiceMonitoring = Awaited<ReturnType<typeof getServiceMonitoring>>;
