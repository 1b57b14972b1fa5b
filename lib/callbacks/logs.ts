// The per-service certification log: what happened, never with which token or password.
import { createId } from "@/lib/crypto/random";
import { getDb } from "@/lib/db/client";
import { getServiceOrThrow } from "@/lib/services/services";
import { type CallbackMode, type CallbackOutcome, callbackLogSchema } from "./schemas";

const MAX_ERROR_LENGTH = 300;

export interface CallbackLogInput {
  serviceKey: string;
  mode: CallbackMode;
  outcome: CallbackOutcome;
  userIdentifier?: string | null;
  callbackStatus?: number | null;
  latencyMs?: number | null;
  error?: string | null;
  test?: boolean;
}

export async function writeCallbackLog(entry: CallbackLogInput): Promise<void> {
  await getDb().callbackLog.create({
    data: {
      id: createId("cbl"),
      serviceId: entry.serviceKey,
      mode: entry.mode,
      outcome: entry.outcome,
      userIdentifier: entry.userIdentifier ?? null,
      callbackStatus: entry.callbackStatus ?? null,
      latencyMs: entry.latencyMs ?? null,
      error: entry.error ? entry.error.slice(0, MAX_ERROR_LENGTH) : null,
      test: entry.test ?? false,
    },
  });
}

/** Success rate = certified (incl. cached) / all real requests; test callbacks are excluded. */
export function computeSuccessRate(counts: { outcome: string; count: number }[]) {
  const total = counts.reduce((sum, row) => sum + row.count, 0);
  const certified = counts
    .filter((row) => row.outcome === "certified" || row.outcome === "cached")
    .reduce((sum, row) => sum + row.count, 0);
  return { total, certified, success_rate: total ? certified / total : null };
}

/** Newest first, plus the last 24 hours' success rate. */
export async function listCallbackLogs(options: { partnerId: string; id: string; limit?: number }) {
  const service = await getServiceOrThrow(options);
  const db = getDb();
  const since = new Date(Date.now() - 24 * 3600 * 1000);
  const [rows, groups] = await Promise.all([
    db.callbackLog.findMany({
      where: { serviceId: service.id },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: Math.min(Math.max(options.limit ?? 100, 1), 500),
    }),
    db.callbackLog.groupBy({
      by: ["outcome"],
      where: { serviceId: service.id, test: false, createdAt: { gte: since } },
      _count: { _all: true },
    }),
  ]);
  return callbackLogSchema.parse({
    data: rows.map((row) => ({
      id: row.id,
      created_at: row.createdAt.toISOString(),
      user_identifier: row.userIdentifier,
      mode: row.mode,
      outcome: row.outcome,
      callback_status: row.callbackStatus,
      latency_ms: row.latencyMs,
      error: row.error,
      test: row.test,
    })),
    last_24h: computeSuccessRate(groups.map((group) => ({ outcome: group.outcome, count: group._count._all }))),
  });
}
