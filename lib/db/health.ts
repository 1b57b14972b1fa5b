// Database probes for the health routes: liveness (the database answers a read) and readiness (it accepts a write).
import { getConfig } from "@/lib/config";
import { getDb } from "./client";

export interface DatabaseProbe {
  ok: boolean;
  provider: string;
  latency_ms: number;
  /** Why it failed (for the log; the readiness route does not show it to callers). */
  error?: string;
}

const READY_TIMEOUT_MS = 3_000;

/** Runs `operation` against the database and reports whether it succeeded (within `timeoutMs`, when given) and how long it took. */
async function probeDatabase(operation: () => Promise<unknown>, timeoutMs?: number): Promise<DatabaseProbe> {
  const started = performance.now();
  const provider = getConfig().databaseProvider;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline =
    timeoutMs === undefined
      ? []
      : [
          new Promise<never>((_, reject) => {
            timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
          }),
        ];
  try {
    await Promise.race([operation(), ...deadline]);
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

/** Liveness: the database answers `SELECT 1`. */
export function checkDatabase(): Promise<DatabaseProbe> {
  return probeDatabase(() => getDb().$queryRawUnsafe("SELECT 1"));
}

/**
 * Readiness: the database accepts a write (one upserted row), within READY_TIMEOUT_MS. A read-only database, a full
 * disk or a lost connection all answer `ok: false` with the reason.
 */
export function checkDatabaseWritable(): Promise<DatabaseProbe> {
  const now = new Date();
  return probeDatabase(
    () =>
      getDb().readinessProbe.upsert({
        where: { id: "ready" },
        create: { id: "ready", checkedAt: now },
        update: { checkedAt: now },
      }),
    READY_TIMEOUT_MS,
  );
}
