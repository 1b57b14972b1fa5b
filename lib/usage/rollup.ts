// The usage rollup: stores each metric's counts per subject and quarter hour (UsageBucket), so charts and rates read
// a bounded number of rows however large the raw tables grow. A pass recomputes every complete quarter hour since
// the metric's cursor (JobCursor `usage:<metric>`, its createdAt = the end of the last quarter hour rolled up), going
// back the metric's settle time, since rows in recent quarter hours may still change. A bucket is written by replacing
// the quarter hour's rows, so passes are idempotent and processes rolling up at once write the same counts.
import { getDb } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/errors";
import { COMMIT_SLACK_MS, USAGE_METRICS, type UsageMetric, type UsageMetricName } from "./metrics";

export const BUCKET_MS = 15 * 60_000;

export const floorToBucket = (ms: number) => Math.floor(ms / BUCKET_MS) * BUCKET_MS;

export const cursorName = (metric: UsageMetricName) => `usage:${metric}`;

/** The end of the last quarter hour rolled up for `metric`, or null before its first pass. */
export async function readRolledUpTo(metric: UsageMetricName): Promise<Date | null> {
  const cursor = await getDb().jobCursor.findUnique({
    where: { name: cursorName(metric) },
    select: { createdAt: true },
  });
  return cursor?.createdAt ?? null;
}

/** Replaces one quarter hour's counts when they differ from what is stored; returns whether it wrote. */
async function writeBucket(options: { metric: UsageMetricName; start: Date; counts: Map<string, number> }) {
  const db = getDb();
  const { metric, start, counts } = options;
  const stored = await db.usageBucket.findMany({
    where: { metric, bucketStart: start },
    select: { subjectId: true, count: true },
  });
  if (stored.length === counts.size && stored.every((row) => counts.get(row.subjectId) === row.count)) return false;
  try {
    await db.$transaction([
      db.usageBucket.deleteMany({ where: { metric, bucketStart: start } }),
      db.usageBucket.createMany({
        data: [...counts].map(([subjectId, count]) => ({ subjectId, metric, bucketStart: start, count })),
      }),
    ]);
  } catch (error) {
    // Another process wrote this quarter hour at the same moment, with the same counts.
    if (!isUniqueViolation(error)) throw error;
  }
  return true;
}

async function rollUpMetric(options: {
  metric: UsageMetricName;
  definition: UsageMetric;
  now: Date;
  shouldStop?: () => boolean;
}): Promise<number> {
  const { metric, definition } = options;
  // Only quarter hours that ended a commit's slack ago: a row committed late is never left out.
  const end = floorToBucket(options.now.getTime() - COMMIT_SLACK_MS);
  const rolledUpTo = await readRolledUpTo(metric);
  const start = rolledUpTo
    ? floorToBucket(rolledUpTo.getTime() - definition.settleMs())
    : floorToBucket((await definition.findNextTime(null))?.getTime() ?? end);
  const written = await recompute({
    metric,
    definition,
    from: start,
    to: end,
    cursorAt: rolledUpTo?.getTime() ?? Number.NEGATIVE_INFINITY,
    shouldStop: options.shouldStop,
  });
  if (!rolledUpTo && start >= end) await saveCursor(metric, new Date(end));
  return written;
}

/**
 * Recomputes the quarter hours of [from, to) of one metric, skipping stretches without rows (and clearing what was
 * stored there). With `cursorAt` (where the metric's cursor is), moves the cursor forward as it goes (every day's worth,
 * and at the end), so a long first pass resumes where it stopped.
 */
async function recompute(options: {
  metric: UsageMetricName;
  definition: UsageMetric;
  from: number;
  to: number;
  cursorAt?: number;
  shouldStop?: () => boolean;
}): Promise<number> {
  const { metric, definition, to } = options;
  let written = 0;
  let saved = options.cursorAt;
  for (let bucket = options.from; bucket < to; ) {
    if (options.shouldStop?.()) break;
    const range = { from: new Date(bucket), to: new Date(bucket + BUCKET_MS) };
    const counts = await definition.countBySubject(range);
    if (await writeBucket({ metric, start: range.from, counts })) written++;
    bucket += BUCKET_MS;
    if (counts.size === 0 && bucket < to) {
      const next = await definition.findNextTime(new Date(bucket));
      const target = next ? Math.min(to, Math.max(bucket, floorToBucket(next.getTime()))) : to;
      if (target > bucket) {
        await getDb().usageBucket.deleteMany({
          where: { metric, bucketStart: { gte: new Date(bucket), lt: new Date(target) } },
        });
        bucket = target;
      }
    }
    if (saved !== undefined && bucket > saved && (bucket >= to || bucket - saved >= 96 * BUCKET_MS)) {
      await saveCursor(metric, new Date(bucket));
      saved = bucket;
    }
  }
  return written;
}

async function saveCursor(metric: UsageMetricName, rolledUpTo: Date) {
  const name = cursorName(metric);
  await getDb().jobCursor.upsert({
    where: { name },
    create: { name, createdAt: rolledUpTo, lastId: "" },
    update: { createdAt: rolledUpTo },
  });
}

/** One pass over every metric; returns the quarter hours written per metric. */
export async function rollUpUsage(options: { now?: Date; shouldStop?: () => boolean } = {}) {
  const now = options.now ?? new Date();
  const written = {} as Record<UsageMetricName, number>;
  for (const [metric, definition] of Object.entries(USAGE_METRICS) as [UsageMetricName, UsageMetric][]) {
    if (options.shouldStop?.()) break;
    written[metric] = await rollUpMetric({ metric, definition, now, shouldStop: options.shouldStop });
  }
  return written;
}

/**
 * Recomputes the stored quarter hours of [from, to) from the raw rows, whatever the cursors say: after rows were
 * written with times in the past (an import, tests that backdate rows), which a normal pass never looks at again.
 */
export async function rebuildUsage(options: { from: Date; to: Date; metrics?: UsageMetricName[] }) {
  const metrics = options.metrics ?? (Object.keys(USAGE_METRICS) as UsageMetricName[]);
  let written = 0;
  for (const metric of metrics) {
    written += await recompute({
      metric,
      definition: USAGE_METRICS[metric],
      from: floorToBucket(options.from.getTime()),
      to: options.to.getTime(),
    });
  }
  return written;
}
