// Records finished checks, many per transaction: the check state machine (check-state) applied to a batch. The
// provider (lib/db hot paths) locks the services and writes what planWrites decides — check rows, status, version
// and counters, lease release and next due time, daily aggregates, version history and outbox events — in a constant
// number of statements whatever the batch's size.
import { createId } from "@/lib/crypto/random";
import { getHotPaths } from "@/lib/db/client";
import type { CheckBatchWrites, LockedService } from "@/lib/db/hot-paths";
import { buildEventRow } from "@/lib/events/outbox";
import {
  type CheckOutput,
  type CheckResult,
  decideServiceState,
  type ServiceStatus,
  toCheckOutput,
} from "./check-state";
import { buildVersionedUrl } from "./services";

export interface CheckToRecord {
  /** Service primary key. */
  id: string;
  result: CheckResult;
  /** Scheduled checks: recorded only while `owner` still holds the lease, which is then released. */
  lease?: { owner: string; nextCheckAt: Date };
}

const utcDay = (date: Date) => date.toISOString().slice(0, 10);

/**
 * The decisions, without I/O: applies the items in order to the locked rows (a service may appear more than once)
 * and returns the rows to write. Items whose service is gone or whose lease was lost get a null output.
 */
function planWrites(
  items: CheckToRecord[],
  state: Map<string, LockedService>,
): { writes: CheckBatchWrites; result: (CheckOutput | null)[] } {
  const outputs: (CheckOutput | null)[] = [];
  const writes: CheckBatchWrites = { checks: [], services: [], daily: [], versions: [], events: [] };
  const services = new Map<string, CheckBatchWrites["services"][number]>();
  const daily = new Map<string, CheckBatchWrites["daily"][number]>();
  for (const { id, result, lease } of items) {
    const current = state.get(id);
    if (!current || (lease && current.leaseOwner !== lease.owner)) {
      outputs.push(null);
      continue;
    }
    const next = decideServiceState(current, result);
    const error = result.error?.slice(0, 500) ?? null;
    const { checkedAt } = result;
    writes.checks.push({
      id: createId("chk"),
      serviceId: id,
      checkedAt,
      outcome: result.outcome,
      httpStatus: result.httpStatus,
      latencyMs: result.latencyMs,
      version: result.version,
      error,
    });
    outputs.push(toCheckOutput({ ...result, error }));
    const previous = { status: current.status as ServiceStatus, version: current.version };
    current.status = next.status;
    current.version = next.version;
    current.consecutiveFailures = next.consecutiveFailures;
    if (lease) current.leaseOwner = null;
    const earlier = services.get(id);
    services.set(id, {
      id,
      status: next.status,
      version: next.version,
      failures: next.consecutiveFailures,
      checkedAt,
      statusChangedAt: next.statusChanged ? checkedAt : (earlier?.statusChangedAt ?? null),
      nextCheckAt: lease ? lease.nextCheckAt : (earlier?.nextCheckAt ?? null),
      releaseLease: Boolean(lease) || Boolean(earlier?.releaseLease),
    });
    const day = utcDay(checkedAt);
    const key = `${id}|${day}`;
    const counts = daily.get(key) ?? {
      serviceId: id,
      day,
      total: 0,
      live: 0,
      unauthentic: 0,
      down: 0,
      latencyMsTotal: 0,
    };
    counts.total++;
    counts[result.outcome]++;
    counts.latencyMsTotal += result.latencyMs ?? 0;
    daily.set(key, counts);

    const base = { id, service_id: current.serviceId, checked_at: checkedAt.toISOString() };
    const { partnerId } = current;
    if (next.versionChanged && current.version) {
      writes.versions.push({ id: createId("chk"), serviceId: id, version: current.version, firstSeenAt: checkedAt });
      writes.events.push(
        buildEventRow({
          partnerId,
          type: "service.version_changed",
          data: {
            ...base,
            previous_version: previous.version,
            version: current.version,
            versioned_url: buildVersionedUrl(current.url, current.version),
          },
          at: checkedAt,
        }),
      );
    }
    if (next.statusChanged) {
      writes.events.push(
        buildEventRow({
          partnerId,
          type: "service.status_changed",
          data: {
            ...base,
            previous_status: previous.status,
            status: next.status as ServiceStatus,
            error: result.error,
          },
          at: checkedAt,
        }),
      );
    }
  }
  writes.services = [...services.values()];
  writes.daily = [...daily.values()];
  return { writes, result: outputs };
}

/**
 * Applies checks to their services in one transaction. Returns, per item, the stored check or null when it was not
 * recorded (service gone, or lease lost to another process, which then redoes the check).
 */
export async function recordChecks(items: CheckToRecord[]): Promise<(CheckOutput | null)[]> {
  if (!items.length) return [];
  return getHotPaths().recordCheckBatch({
    serviceIds: items.map((item) => item.id),
    plan: (locked) => planWrites(items, locked),
  });
}
