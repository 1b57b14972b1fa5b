// The per-service certification log: what happened, never with which token or password.
import { createId } from "@/lib/crypto/random";
import { getDb } from "@/lib/db/client";
import { getServiceOrThrow } from "@/lib/services/services";
import { countUsageInRange } from "@/lib/usage/read";
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

/** Success rate = successes (certified, cached) / all real requests; test callbacks are not counted. */
export function computeSuccessRate(counts: { total: number; certified: number }) {
  return { ...counts, success_rate: counts.total ? counts.certified / counts.total : null };
}

/** Newest first, plus the last 24 hours' success rate (from the usage rollup: a bounded read at any volume). */
export async function listCallbackLogs(options: { partnerId: string; id: string; limit?: number }) {
  const service = await getServiceOrThrow(options);
  const now = Date.now();
  const range = { from: new Date(now - 24 * 3600 * 1000), to: new Date(now) };
  const count = (metric: "callbacks.total" | "callbacks.certified") =>
    countUsageInRange({ metric, subjectId: service.id, range });
  const [rows, total, certified] = await Promise.all([
    getDb().callbackLog.findMany({
      where: { serviceId: service.id },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: Math.min(Math.max(options.limit ?? 100, 1), 500),
    }),
    count("callbacks.total"),
    count("callbacks.certified"),
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
    last_24h: computeSuccessRate({ total, certified }),
  });
}
