// What the retention job keeps, table by table: the source of docs/configuration.md's retention table (generated,
// `npm run docs:config`) and the keys of the pruning rules (lib/retention/prune.ts has one rule per entry).
import type { CONFIG_VARIABLES } from "@/lib/config";

export interface RetentionTableDoc {
  /** The key the job reports its deletions under (logs, `portico_retention_deleted_rows_total{table}`). */
  table: string;
  rows: string;
  kept: string;
  variable: keyof typeof CONFIG_VARIABLES | null;
}

export const RETENTION_TABLES = [
  {
    table: "service_checks",
    rows: "`/authorize` checks (`ServiceCheck`)",
    kept: "days after the check",
    variable: "PORTICO_RETENTION_CHECKS_DAYS",
  },
  {
    table: "service_check_days",
    rows: "per-day check counts (`ServiceCheckDaily`: uptime history)",
    kept: "days after the day",
    variable: "PORTICO_RETENTION_CHECK_AGGREGATES_DAYS",
  },
  {
    table: "webhook_deliveries",
    rows: "webhook deliveries and their attempts (`WebhookDelivery`, `WebhookAttempt`)",
    kept: "days after creation, once succeeded or failed (pending ones stay)",
    variable: "PORTICO_RETENTION_DELIVERIES_DAYS",
  },
  {
    table: "outbox_events",
    rows: "outbox events (`Event`), with any deliveries still left of them",
    kept: "days after fan-out, once no delivery of the event is pending; never before fan-out",
    variable: "PORTICO_RETENTION_EVENTS_DAYS",
  },
  {
    table: "transactions",
    rows: "issued JWTs (`Transaction`)",
    kept: "days after issue (a token lives 90 s)",
    variable: "PORTICO_RETENTION_TRANSACTIONS_DAYS",
  },
  {
    table: "login_tokens",
    rows: "one-time login tokens (`LoginToken`)",
    kept: "days after creation (a token lives 120 s)",
    variable: "PORTICO_RETENTION_LOGIN_TOKENS_DAYS",
  },
  {
    table: "callback_logs",
    rows: "certification (callback) logs (`CallbackLog`)",
    kept: "days after the request",
    variable: "PORTICO_RETENTION_CALLBACK_LOGS_DAYS",
  },
  {
    table: "mail_messages",
    rows: "the mail outbox (`MailMessage`)",
    kept: "days after queueing, once sent, failed or kept (pending mail stays)",
    variable: "PORTICO_RETENTION_MAIL_DAYS",
  },
  {
    table: "usage_buckets",
    rows: "quarter-hour usage counts (`UsageBucket`: charts, statistics, success rates)",
    kept: "days after the quarter hour",
    variable: "PORTICO_RETENTION_USAGE_DAYS",
  },
  {
    table: "user_sessions",
    rows: "browser sessions (`UserSession`)",
    kept: "days after the session expired",
    variable: "PORTICO_RETENTION_SESSIONS_DAYS",
  },
  {
    table: "audit_events",
    rows: "the audit log (`AuditEvent`)",
    kept: "days after the action",
    variable: "PORTICO_AUDIT_RETENTION_DAYS",
  },
  {
    table: "rate_limit_counters",
    rows: "rate-limit counters (`RateLimitCounter`)",
    kept: "until their window ends (the next request starts a fresh one)",
    variable: null,
  },
] as const satisfies readonly RetentionTableDoc[];

export type RetentionTable = (typeof RETENTION_TABLES)[number]["table"];
