// The environment shared by a test run's server and its test workers: one fresh database per run.
import { randomBytes } from "node:crypto";
import { mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

/** The integration server serves /api/metrics to this token. */
export const TEST_METRICS_TOKEN = "portico-test-metrics-token";

/** For extra servers on the run's shared database: they leave its background work to the suite's own server. */
export const QUIET_LOOPS = {
  PORTICO_DISABLE_SCHEDULER: "1",
  PORTICO_DISABLE_WORKERS: "1",
  PORTICO_DISABLE_RETENTION: "1",
};

export type TestDatabase = "sqlite" | "postgresql";

export function getTestDatabase(): TestDatabase {
  return process.env.PORTICO_TEST_DB === "postgresql" ? "postgresql" : "sqlite";
}

export function getTestPostgresUrl(): string {
  return process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
}

/**
 * The data folder (created) and database URL (on PostgreSQL not created yet) of one store: the run's, or that of a
 * server a test starts on its own database.
 */
export function createTestStorageEnv(storeId: string): { PORTICO_DATA_DIR: string; DATABASE_URL: string } {
  const dataDir = path.join(tmpdir(), `portico-test-${storeId}`);
  mkdirSync(dataDir, { recursive: true });
  if (getTestDatabase() === "sqlite") {
    return { PORTICO_DATA_DIR: dataDir, DATABASE_URL: `file:${path.join(dataDir, "portico.db")}` };
  }
  const url = new URL(getTestPostgresUrl());
  url.pathname = `/portico_test_${storeId}`;
  return { PORTICO_DATA_DIR: dataDir, DATABASE_URL: url.toString() };
}

/** Builds (once per run, keyed by PORTICO_TEST_RUN_ID) the env for server and workers. */
export function createTestEnv() {
  process.env.PORTICO_TEST_RUN_ID ??= `${Date.now().toString(36)}${randomBytes(3).toString("hex")}`;
  const runId = process.env.PORTICO_TEST_RUN_ID;
  process.env.PORTICO_TEST_ENCRYPTION_KEY ??= randomBytes(32).toString("base64");
  process.env.PORTICO_TEST_AUTH_SECRET ??= randomBytes(32).toString("base64url");
  return {
    PORTICO_TEST_RUN_ID: runId,
    ...createTestStorageEnv(runId),
    PORTICO_ENCRYPTION_KEY: process.env.PORTICO_TEST_ENCRYPTION_KEY,
    AUTH_SECRET: process.env.PORTICO_TEST_AUTH_SECRET,
    PORTICO_SERVICE_ID: "portico-test",
    PORTICO_SERVICE_SECRET: "portico-test-secret",
    PORTICO_ALLOW_PRIVATE_TARGETS: "true",
    NEXT_TELEMETRY_DISABLED: "1",
    // Tests act as clients behind one proxy: X-Forwarded-For gives each simulated client its own address.
    PORTICO_TRUSTED_PROXY_HOPS: "1",
    // Webhooks: retries 1 s apart (instead of 5 s … 10 h) and a quick poll, so delivery tests run in seconds.
    PORTICO_WEBHOOK_RETRY_SCHEDULE: "1,1,1",
    PORTICO_WEBHOOK_POLL_MS: "50",
    PORTICO_METRICS_TOKEN: TEST_METRICS_TOKEN,
  };
}
