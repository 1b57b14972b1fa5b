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
