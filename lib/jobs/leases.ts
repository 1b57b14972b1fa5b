// Leases on due services: a claim marks rows as taken by one process until the lease expires; a process that dies
// simply lets its leases lapse and any other process takes the rows over.
import { getDb, getHotPaths } from "@/lib/db/client";
import type { LeasedService } from "@/lib/db/hot-paths";

export type ClaimedService = LeasedService;

/**
 * A new service's first scheduled check waits this long after registration: its secret was shown only at creation,
 * so the partner's /authorize cannot sign with it yet and an immediate check would only report a false
 * `unauthentic`. "Check now" (API and panel) is there when the partner is ready sooner.
 */
export const FIRST_CHECK_GRACE_SECONDS = 60;

/** Atomically leases up to `limit` services whose check is due and not leased (or whose lease lapsed), oldest first. */
export function claimDueServices(options: {
  owner: string;
  limit: number;
  leaseSeconds: number;
  now?: Date;
}): Promise<ClaimedService[]> {
  const now = options.now ?? new Date();
  return getHotPaths().claimDueServices({
    owner: options.owner,
    limit: options.limit,
    now,
    leaseUntil: new Date(now.getTime() + options.leaseSeconds * 1000),
    createdBefore: new Date(now.getTime() - FIRST_CHECK_GRACE_SECONDS * 1000),
  });
}

/** Gives leases back without recording anything (graceful stop before a check started): due again at once. */
export async function releaseLeases(options: { owner: string; ids: string[] }): Promise<void> {
  if (!options.ids.length) return;
  await getDb().service.updateMany({
    where: { id: { in: options.ids }, leaseOwner: options.owner },
    data: { leaseOwner: null, leaseExpiresAt: null },
  });
}
