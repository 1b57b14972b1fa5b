// Worker tuning from the environment, read once. Tests shorten the retry schedule and the disable period.
import { z } from "zod";

// Svix's schedule: after the 1st failure wait 5 s, then 5 min, 30 min, 2 h, 5 h, 10 h, 10 h; then give up.
const DEFAULT_SCHEDULE = "5,300,1800,7200,18000,36000,36000";

const settingsSchema = z.object({
  PORTICO_WEBHOOK_RETRY_SCHEDULE: z
    .string()
    .default(DEFAULT_SCHEDULE)
    .transform((value) => value.split(",").map((part) => Number(part.trim())))
    .refine(
      (list) => list.length > 0 && list.every((n) => Number.isFinite(n) && n >= 0),
      "must be comma-separated seconds",
    ),
  PORTICO_WEBHOOK_DISABLE_AFTER_HOURS: z.coerce.number().positive().default(120),
  PORTICO_WEBHOOK_CONCURRENCY: z.coerce.number().int().min(1).max(2000).default(100),
  // Must exceed the token fetch plus the 15 s send timeout, so a live worker never loses a lease mid-delivery.
  PORTICO_WEBHOOK_LEASE_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  PORTICO_WEBHOOK_POLL_MS: z.coerce.number().int().min(10).max(60_000).default(200),
  PORTICO_WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(15_000),
});

export interface WebhookSettings {
  retryScheduleSeconds: number[];
  disableAfterMs: number;
  concurrency: number;
  leaseSeconds: number;
  pollMs: number;
  timeoutMs: number;
}

let cached: WebhookSettings | undefined;

export function getWebhookSettings(): WebhookSettings {
  if (cached) return cached;
  const parsed = settingsSchema.safeParse(process.env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`Invalid environment variable ${String(issue.path[0])}: ${issue.message}`);
  }
  const env = parsed.data;
  cached = {
    retryScheduleSeconds: env.PORTICO_WEBHOOK_RETRY_SCHEDULE,
    disableAfterMs: env.PORTICO_WEBHOOK_DISABLE_AFTER_HOURS * 3600_000,
    concurrency: env.PORTICO_WEBHOOK_CONCURRENCY,
    leaseSeconds: env.PORTICO_WEBHOOK_LEASE_SECONDS,
    pollMs: env.PORTICO_WEBHOOK_POLL_MS,
    timeoutMs: env.PORTICO_WEBHOOK_TIMEOUT_MS,
  };
  return cached;
}
