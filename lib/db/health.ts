import { getConfig } from "@/lib/config";
import { getDb } from "./client";

export async function checkDatabase(): Promise<{ ok: boolean; provider: string; latency_ms: number; error?: string }> {
  const started = performance.now();
  const provider = getConfig().databaseProvider;
  try {
    await getDb().$queryRawUnsafe("SELECT 1");
    return { ok: true, provider, latency_ms: Math.round(performance.now() - started) };
  } catch (error) {
    return {
      ok: false,
      provider,
      latency_ms: Math.round(performance.now() - started),
      error: (error as Error).message,
    };
  }
}

const READY_TIMEOUT_MS = 3_000;

/**
 * Readiness: the database accepts a write (one upserted row), within READY_TIMEOUT_MS. A read-only database, a full
 * disk or a lost connection all answer `ok: false` with the reason.
 */
export async function checkDatabaseWritable(): Promise<{
  ok: boolean;
  provider: string;
  latency_ms: number;
  error?: string;
}> {
  const started = performance.now();
  const provider = getConfig().databaseProvider;
  const now = new Date();
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    await Promise.race([
      getDb().readinessProbe.upsert({
        where: { id: "ready" },
        create: { id: "ready", checkedAt: now },
        update: { checkedAt: now },
      }),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${READY_TIMEOUT_MS} ms`)), READY_TIMEOUT_MS);
      }),
    ]);
    return { ok: true, provider, latency_ms: Math.round(performance.now() - started) };
  } catch (error) {
    return {
      ok: false,
      provider,
      latency_ms: Math.round(performance.now() - started),
      error: (error as Error).message,
    };
  } finally {
    clearTimeout(timer);
  }
}
