// How long each growing table keeps its rows, and how the pruning job paces itself. Read once from the environment;
// a bad value stops the process with a message naming the variable.
import { z } from "zod";

const days = (fallback: number) => z.coerce.number().int().min(1).max(36_500).default(fallback);

export const retentionEnvSchema = z.object({
  PORTICO_RETENTION_DELIVERIES_DAYS: days(30).describe(
    "Days a finished (succeeded or failed) webhook delivery and its attempts are kept",
  ),
  PORTICO_RETENTION_EVENTS_DAYS: days(30).describe(
    "Days an outbox event is kept once fanned out and no delivery of it is pending",
  ),
  PORTICO_RETENTION_TRANSACTIONS_DAYS: days(90).describe("Days an issued JWT's transaction is kept after it expired"),
  PORTICO_RETENTION_LOGIN_TOKENS_DAYS: days(30).describe("Days a one-time login token is kept after it expired"),
  PORTICO_RETENTION_CALLBACK_LOGS_DAYS: days(30).describe("Days a certification (callback) log entry is kept"),
  PORTICO_RETENTION_BATCH_SIZE: z.coerce
    .number()
    .int()
    .min(1)
    .max(10_000)
    .default(500)
    .describe("Rows deleted per statement (each batch is its own short transaction)"),
  PORTICO_RETENTION_INTERVAL_SECONDS: z.coerce
    .number()
    .int()
    .min(1)
    .max(7 * 86_400)
    .default(3600)
    .describe("Seconds between two runs of the retention job"),
});

export interface RetentionSettings {
  deliveriesDays: number;
  eventsDays: number;
  transactionsDays: number;
  loginTokensDays: number;
  callbackLogsDays: number;
  batchSize: number;
  intervalMs: number;
}

export function readRetentionSettings(env: Record<string, string | undefined> = process.env): RetentionSettings {
  const parsed = retentionEnvSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`Invalid environment variable ${String(issue?.path[0])}: ${issue?.message}`);
  }
  const values = parsed.data;
  return {
    deliveriesDays: values.PORTICO_RETENTION_DELIVERIES_DAYS,
    eventsDays: values.PORTICO_RETENTION_EVENTS_DAYS,
    transactionsDays: values.PORTICO_RETENTION_TRANSACTIONS_DAYS,
    loginTokensDays: values.PORTICO_RETENTION_LOGIN_TOKENS_DAYS,
    callbackLogsDays: values.PORTICO_RETENTION_CALLBACK_LOGS_DAYS,
    batchSize: values.PORTICO_RETENTION_BATCH_SIZE,
    intervalMs: values.PORTICO_RETENTION_INTERVAL_SECONDS * 1000,
  };
}
