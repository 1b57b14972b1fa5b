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

/**
 * A pass reads at most a day of rows at a time, and at most this many rows: on SQLite a read runs on the server's own
 * thread, and 50 000 rows held requests up for a few hundred ms. A quarter hour with more rows than one read is counted
 * by the database instead (GROUP BY, nothing materialised).
 */
const CHUNK_MS = 96 * BUCKET_MS;
const ROWS_PER_READ = 5_000;

export const cursorName = (metric: UsageMetricName) => `usage:${metric}`;

/** The end of the last quarter hour rolled up for `metric`, or null before its first pass. */
export async function readRolledUpTo(metric: UsageMetricName): Promise<Date | null> {
  const cursor = await getDb().jobCursor.findUnique({
    where: { name: cursorName(metric) },
    select: { createdAt: true },
  });
  return cursor?.createdAt ?? null;
}

type BucketCounts = Map<number, Map<string, number>>;

/**
 * Makes the stored quarter hours of [from, to) equal `counts` (absent: none), replacing only those that differ, in one
 * transaction. Returns how many quarter hours it wrote.
 */
async function writeBuckets(options: { metric: UsageMetricName; from: number; to: number; counts: BucketCounts }) {
  const db = getDb();
  const { metric, counts } = options;
  const stored: BucketCounts = new Map();
  for (const row of await db.usageBucket.findMany({
    where: { metric, bucketStart: { gte: new Date(options.from), lt: new Date(options.to) } },
    select: { subjectId: true, bucketStart: true, count: true },
  })) {
    const at = row.bucketStart.getTime();
    stored.set(at, (stored.get(at) ?? new Map()).set(row.subjectId, row.count));
  }
  const same = (a: Map<string, number> = new Map(), b: Map<string, number> = new Map()) =>
    a.size === b.size && [...a].every(([subject, count]) => b.get(subject) === count);
  const changed = [...new Set([...stored.keys(), ...counts.keys()])].filter(
    (at) => !same(stored.get(at), counts.get(at)),
  );
  if (!changed.length) return 0;
  try {
    await db.$transaction([
      db.usageBucket.deleteMany({ where: { metric, bucketStart: { in: changed.map((at) => new Date(at)) } } }),
      db.usageBucket.createMany({
        data: changed.flatMap((at) =>
          [...(counts.get(at) ?? [])].map(([subjectId, count]) => ({
            subjectId,
            metric,
            bucketStart: new Date(at),
            count,
          })),
        ),
      }),
    ]);
  } catch (error) {
    // Another process wrote these quarter hours at the same moment, with the same counts.
    if (!isUniqueViolation(error)) throw error;
  }
  return changed.length;
}

function countPerBucket(rows: { subjectId: string; at: Date }[]): BucketCounts {
  const counts: BucketCounts = new Map();
  for (const row of rows) {
    const at = floorToBucket(row.at.getTime());
    const subjects = counts.get(at) ?? new Map<string, number>();
    subjects.set(row.subjectId, (subjects.get(row.subjectId) ?? 0) + 1);
    counts.set(at, subjects);
  }
  return counts;
}

async function rollUpMetric(options: {
  metric: UsageMetricName;
  definition: UsageMetric;
  now: Date;
  shouldStop?: () => boolean;
  rowsPerRead: number;
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
    rowsPerRead: options.rowsPerRead,
  });
  if (!rolledUpTo && start >= end) await saveCursor(metric, new Date(end));
  return written;
}

/**
 * Recomputes the quarter hours of [from, to) of one metric, a day's worth per read (the rows' subject and time, through
 * the time index), skipping stretches without rows (and clearing what was stored there). With `cursorAt` (where the
 * metric's cursor is), moves the cursor forward as it goes, so a long first pass resumes where it stopped.
 */
async function recompute(options: {
  metric: UsageMetricName;
  definition: UsageMetric;
  from: number;
  to: number;
  cursorAt?: number;
  shouldStop?: () => boolean;
  rowsPerRead: number;
}): Promise<number> {
  const { metric, definition, rowsPerRead } = options;
  const to = Math.ceil(options.to / BUCKET_MS) * BUCKET_MS;
  let written = 0;
  let position = floorToBucket(options.from);
  while (position < to) {
    if (options.shouldStop?.()) break;
    const chunk = { from: new Date(position), to: new Date(Math.min(to, position + CHUNK_MS)) };
    const rows = await definition.listRows(chunk, rowsPerRead);
    let doneTo = chunk.to.getTime();
    let counts: BucketCounts;
    if (rows.length < rowsPerRead) counts = countPerBucket(rows);
    else {
      // A full read may have cut the last quarter hour short: keep the whole ones before it.
      doneTo = floorToBucket((rows.at(-1)?.at ?? chunk.from).getTime());
      if (doneTo > position) counts = countPerBucket(rows.filter((row) => row.at.getTime() < doneTo));
      else {
        // One quarter hour holds more rows than a read: the database counts it.
        doneTo = position + BUCKET_MS;
        const range = { from: chunk.from, to: new Date(doneTo) };
        counts = new Map([[position, await definition.countBySubject(range)]]);
      }
    }
    written += await writeBuckets({ metric, from: position, to: doneTo, counts });
    position = doneTo;
    if (!rows.length && position < to) {
      const next = (await definition.findNextTime(new Date(position)))?.getTime();
      const target = next === undefined ? to : Math.min(to, Math.max(position, floorToBucket(next)));
      if (target > position) {
        written += await writeBuckets({ metric, from: position, to: target, counts: new Map() });
        position = target;
      }
    }
    if (options.cursorAt !== undefined && position > options.cursorAt) await saveCursor(metric, new Date(position));
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
  const rowsPerRead = ROWS_PER_READ;
  const written = {} as Record<UsageMetricName, number>;
  for (const [metric, definition] of Object.entries(USAGE_METRICS) as [UsageMetricName, UsageMetric][]) {
    if (options.shouldStop?.()) break;
    written[metric] = await rollUpMetric({ metric, definition, now, shouldStop: options.shouldStop, rowsPerRead });
  }
  return written;
}

/**
 * Recomputes the stored quarter hours of [from, to) from the raw rows, whatever the cursors say: after rows were
 * written with times in the past (an import, tests that backdate rows), which a normal pass never looks at again.
 */
export async function rebuildUsage(options: {
  from: Date;
  to: Date;
  metrics?: UsageMetricName[];
  /** Tests' smaller reads. */
  rowsPerRead?: number;
}) {
  const metrics = options.metrics ?? (Object.keys(USAGE_METRICS) as UsageMetricName[]);
  let written = 0;
  for (const metric of metrics) {
    written += await recompute({
      metric,
      definition: USAGE_METRICS[metric],
      from: floorToBucket(options.from.getTime()),
      to: options.to.getTime(),
      rowsPerRead: options.rowsPerRead ?? ROWS_PER_READ,
    });
  }
  return written;
}
