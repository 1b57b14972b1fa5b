// Reading usage counts: the stored quarter hours (lib/usage/rollup.ts) for the part of each range they cover, and the
// raw rows for the rest — the minutes since the last rollup, and a range's unaligned edges. Exact at any moment
// (deliveries that finish hours after they were created show up in the counts within one rollup interval), and the
// raw part stays small however large the raw tables grow.
import { getDb } from "@/lib/db/client";
import { addDays, type LocalDate, startOfDay } from "@/lib/time/zones";
import { type TimeRange, USAGE_METRICS, type UsageMetricName } from "./metrics";
import { BUCKET_MS, floorToBucket, readRolledUpTo } from "./rollup";

const ceilToBucket = (ms: number) => Math.ceil(ms / BUCKET_MS) * BUCKET_MS;

/** Recent quarter hours whose rows still change are read raw, up to this far back. */
const RECHECK_RAW_MS = 15 * 60_000;

/** `metric`'s count for one subject over each of `ranges` (sorted, not overlapping). */
export async function countUsage(options: {
  metric: UsageMetricName;
  subjectId: string;
  ranges: TimeRange[];
}): Promise<number[]> {
  const { metric, subjectId, ranges } = options;
  const definition = USAGE_METRICS[metric];
  const rolledUpTo = (await readRolledUpTo(metric))?.getTime() ?? Number.NEGATIVE_INFINITY;
  // The whole quarter hours of each range that the rollup has stored and that no longer change — or change only over
  // a long time (deliveries retried for hours): those are trusted as stored, at most one rollup interval behind.
  const trustedTo = rolledUpTo - Math.min(definition.settleMs(), RECHECK_RAW_MS);
  const spans = ranges.map((range) => {
    const from = ceilToBucket(range.from.getTime());
    const to = Math.min(floorToBucket(range.to.getTime()), floorToBucket(trustedTo));
    return from < to ? { from, to, total: 0 } : null;
  });
  const stored = spans.filter((span) => span !== null);
  const first = stored[0];
  const last = stored.at(-1);
  if (first && last) {
    const buckets = await getDb().usageBucket.findMany({
      where: { subjectId, metric, bucketStart: { gte: new Date(first.from), lt: new Date(last.to) } },
      select: { bucketStart: true, count: true },
    });
    for (const bucket of buckets) {
      const span = findSpan(stored, bucket.bucketStart.getTime());
      if (span) span.total += bucket.count;
    }
  }
  return Promise.all(
    ranges.map(async (range, index) => {
      const span = spans[index];
      if (!span) return definition.countForSubject(subjectId, range);
      const edges: TimeRange[] = [];
      if (range.from.getTime() < span.from) edges.push({ from: range.from, to: new Date(span.from) });
      if (span.to < range.to.getTime()) edges.push({ from: new Date(span.to), to: range.to });
      const raw = await Promise.all(edges.map((edge) => definition.countForSubject(subjectId, edge)));
      return raw.reduce((sum, count) => sum + count, span.total);
    }),
  );
}

/** `metric`'s count for one subject over one range. */
export async function countUsageInRange(options: { metric: UsageMetricName; subjectId: string; range: TimeRange }) {
  const [count] = await countUsage({ metric: options.metric, subjectId: options.subjectId, ranges: [options.range] });
  return count ?? 0;
}

/** The span holding `at` (spans sorted and not overlapping), by binary search. */
function findSpan<T extends { from: number; to: number }>(spans: T[], at: number): T | undefined {
  let low = 0;
  let high = spans.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const span = spans[middle];
    if (!span) return undefined;
    if (at < span.from) high = middle - 1;
    else if (at >= span.to) low = middle + 1;
    else return span;
  }
  return undefined;
}

/** `metric`'s count for one subject per calendar day of `days` (consecutive, ascending) in `timeZone`. */
export async function countUsagePerDay(options: {
  metric: UsageMetricName;
  subjectId: string;
  days: LocalDate[];
  timeZone: string;
}): Promise<number[]> {
  const ranges = options.days.map((day) => ({
    from: startOfDay(day, options.timeZone),
    to: startOfDay(addDays(day, 1), options.timeZone),
  }));
  return countUsage({ metric: options.metric, subjectId: options.subjectId, ranges });
}
