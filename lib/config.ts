// The one place that reads the environment: one zod schema, one entry per variable (name, default, description),
// parsed once at start-up (lib/startup.ts), so a bad value stops the server with a message naming the variable.
// Everything else receives its settings from getConfig(). Secrets a first start needs are generated once into the
// data folder when absent.
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import path from "node:path";
import { z } from "zod";
import { LOG_LEVELS } from "@/lib/ops/logger";

const flag = z
  .enum(["true", "false", "1", "0", ""], "must be true, false, 1 or 0")
  .optional()
  .transform((value) => value === "true" || value === "1");

const base64Key = z
  .string()
  .refine((value) => Buffer.from(value, "base64").length === 32, "must be 32 bytes encoded as base64");

const int = (min: number, max: number) =>
  z.coerce
    .number()
    .int("must be a whole number")
    .min(min, `must be at least ${min}`)
    .max(max, `must be at most ${max}`);

const secondsList = z
  .string()
  .transform((value) => value.split(",").map((part) => Number(part.trim())))
  .refine(
    (list) => list.length > 0 && list.every((n) => Number.isFinite(n) && n >= 0),
    "must be comma-separated seconds",
  );

/** The sections of docs/configuration.md, in order; each variable names its own. */
export const CONFIG_SECTIONS = {
  core: "Core",
  background: "Background work",
  retention: "Retention",
  observability: "Observability",
  development: "Development and benchmarks",
} as const;

export type ConfigSection = keyof typeof CONFIG_SECTIONS;

/**
 * One variable: its rule, the default it takes when unset (as written in the environment), what it does, where the
 * documentation lists it, and — when the rule alone does not say it plainly — the values it accepts.
 */
function variable<S extends z.ZodType>(
  schema: S,
  options: { default?: string; description: string; section: ConfigSection; allowed?: string },
) {
  return { schema, ...options };
}

const days = (fallback: number, description: string, minimum = 1) =>
  variable(int(minimum, 36_500), { default: String(fallback), description, section: "retention" });

/**
 * Every environment variable a Portico process reads. docs/configuration.md is generated from this table
 * (describeConfiguration, `npm run docs:config`), so each entry's description is the documentation.
 */
export const CONFIG_VARIABLES = {
  PORT: variable(int(1, 65535), {
    default: "3000",
    description: "The HTTP port the server listens on.",
    section: "core",
  }),
  PORTICO_WEB_CONCURRENCY: variable(int(1, 256).optional(), {
    description:
      "Server processes `npm start` runs on its one port (node:cluster; default: the number of cores). Only the first runs the background loops; rate limits and revocations hold across all of them.",
    section: "core",
  }),
  PORTICO_DATA_DIR: variable(z.string().min(1).optional(), {
    description: "Folder for the SQLite file and generated secrets (default ./data).",
    section: "core",
    allowed: "a folder path",
  }),
  DATABASE_URL: variable(
    z
      .string()
      .regex(/^(file:|postgres(ql)?:\/\/)/, "must start with file: (SQLite) or postgresql:// (PostgreSQL)")
      .optional(),
    {
      description:
        "file:… = embedded SQLite; postgresql://… = multi-instance mode (default: file:<data dir>/portico.db).",
      section: "core",
      allowed: "`file:…` or `postgresql://…`",
    },
  ),
  AUTH_SECRET: variable(z.string().min(32, "must be at least 32 characters").optional(), {
    description:
      "Session signing secret; generated into <data dir>/secrets.json when unset. Set it when several instances share a database.",
    section: "core",
  }),
  PORTICO_ENCRYPTION_KEY: variable(base64Key.optional(), {
    description:
      "AES-256-GCM key for stored partner secrets; generated into <data dir>/secrets.json when unset. Set it in multi-instance mode.",
    section: "core",
    allowed: "32 bytes, base64",
  }),
  PORTICO_ALLOW_PRIVATE_TARGETS: variable(flag, {
    default: "false",
    description: "Let Portico call loopback and private partner URLs (development, tests).",
    section: "core",
  }),
  PORTICO_SERVICE_ID: variable(z.string().min(1).optional(), {
    description: "Portico's own /authorize identity; generated when unset.",
    section: "core",
  }),
  PORTICO_SERVICE_SECRET: variable(z.string().min(1).optional(), {
    description: "The secret Portico signs its own /authorize answers with; generated when unset.",
    section: "core",
  }),
  PORTICO_PUBLIC_URL: variable(z.string().url("must be an absolute URL").optional(), {
    description:
      "The URL users reach Portico at, used in the links Portico sends (invitations, e-mail). Default http://localhost:<PORT>.",
    section: "core",
  }),
  PORTICO_TRUSTED_PROXY_HOPS: variable(int(0, 10), {
    default: "0",
    description:
      "Proxies that append to X-Forwarded-For in front of Portico; per-IP limits use the entry that many from the right. 0 (no proxy): the socket's peer address, X-Forwarded-For ignored.",
    section: "core",
  }),
  PORTICO_ADMIN_EMAIL: variable(z.string().min(3).max(254), {
    default: "admin@portico.local",
    description: "Email of the admin account created on first start.",
    section: "core",
    allowed: "an e-mail address",
  }),
  PORTICO_SUPPORT_EMAIL: variable(z.string().email("must be an email address").max(254).optional(), {
    description: "Where the panel's “Contact us” links write to (default: PORTICO_ADMIN_EMAIL).",
    section: "core",
    allowed: "an e-mail address",
  }),
  PORTICO_BUILD_VERSION: variable(z.string().max(200).optional(), {
    description: "The version /authorize and /api/health report (default: the package version).",
    section: "core",
  }),
  PORTICO_SQLITE_SYNCHRONOUS: variable(z.enum(["normal", "full"], "must be normal or full"), {
    default: "normal",
    description:
      "full: fsync every SQLite commit (normal: WAL + NORMAL, crash-safe, may lose the last commits on power loss).",
    section: "core",
  }),
  PORTICO_SQLITE_STATEMENT_CACHE: variable(flag, {
    default: "1",
    description: "0: prepare every SQLite statement anew (diagnostics).",
    section: "core",
  }),
  PORTICO_DISABLE_SCHEDULER: variable(flag, {
    default: "false",
    description: "1: this server does not run /authorize checks (leave them to npm run worker).",
    section: "background",
  }),
  PORTICO_CHECK_CONCURRENCY: variable(int(1, 1000), {
    default: "50",
    description: "Checks in flight per process.",
    section: "background",
  }),
  PORTICO_CHECK_LEASE_SECONDS: variable(int(1, 3600), {
    default: "60",
    description:
      "How long a claimed check stays with its process. Must exceed twice the 5 s check timeout plus the write.",
    section: "background",
  }),
  PORTICO_SCHEDULER_IDLE_MS: variable(int(10, 60_000), {
    default: "500",
    description: "How long the check scheduler waits when nothing is due.",
    section: "background",
  }),
  PORTICO_DISABLE_WORKERS: variable(flag, {
    default: "false",
    description: "1: this server does not deliver webhooks or mail (leave them to a worker).",
    section: "background",
  }),
  PORTICO_WEBHOOK_RETRY_SCHEDULE: variable(secondsList, {
    default: "5,300,1800,7200,18000,36000,36000",
    description: "Seconds between webhook delivery attempts; after the last the delivery is failed.",
    section: "background",
    allowed: "comma-separated seconds",
  }),
  PORTICO_WEBHOOK_DISABLE_AFTER_HOURS: variable(z.coerce.number().positive("must be more than 0"), {
    default: "120",
    description: "An endpoint that fails every delivery this long is disabled.",
    section: "background",
    allowed: "hours, more than 0",
  }),
  PORTICO_WEBHOOK_CONCURRENCY: variable(int(1, 2000), {
    default: "100",
    description: "Deliveries in flight per process.",
    section: "background",
  }),
  PORTICO_WEBHOOK_LEASE_SECONDS: variable(int(1, 3600), {
    default: "60",
    description:
      "How long a claimed delivery stays with its process. Must exceed the token fetch plus the send timeout.",
    section: "background",
  }),
  PORTICO_WEBHOOK_POLL_MS: variable(int(10, 60_000), {
    default: "200",
    description: "How long the delivery worker waits when nothing is due.",
    section: "background",
  }),
  PORTICO_WEBHOOK_TIMEOUT_MS: variable(int(100, 60_000), {
    default: "15000",
    description: "Timeout of one delivery.",
    section: "background",
  }),
  PORTICO_CERTIFY_LIMIT_PER_SERVICE: variable(int(1, 1_000_000), {
    default: "600",
    description: "Device-token certifications per service per window.",
    section: "background",
  }),
  PORTICO_CERTIFY_LIMIT_PER_IP: variable(int(1, 1_000_000), {
    default: "120",
    description: "Device-token certifications per client address per window.",
    section: "background",
  }),
  PORTICO_CERTIFY_LIMIT_WINDOW_SECONDS: variable(int(1, 86_400), {
    default: "60",
    description: "The certification rate-limit window.",
    section: "background",
  }),
  PORTICO_SMTP_URL: variable(
    z
      .string()
      .regex(/^smtps?:\/\//, "must be an smtp:// or smtps:// URL")
      .optional(),
    {
      description:
        "Where Portico sends mail. Unset: mail stays in the outbox for the admin (and is printed to the log in development).",
      section: "background",
      allowed: "`smtp://user:pass@host:port` or `smtps://…`",
    },
  ),
  PORTICO_MAIL_FROM: variable(z.string().min(3, "must be at least 3 characters"), {
    default: "Portico <portico@localhost>",
    description: "The From address of Portico's mail.",
    section: "background",
  }),
  PORTICO_MAIL_POLL_MS: variable(int(10, 600_000), {
    default: "2000",
    description: "How often the mail sender looks at the outbox.",
    section: "background",
  }),
  PORTICO_SHUTDOWN_TIMEOUT_MS: variable(int(0, 600_000), {
    default: "30000",
    description: "Longest wait for requests and background work to finish after SIGTERM before the process exits.",
    section: "background",
  }),
  PORTICO_DISABLE_RETENTION: variable(flag, {
    default: "false",
    description:
      "1: this process runs no retention job and no usage rollup (another server or worker does; charts read the raw rows since the last rollup, so they stay exact but grow slower without one).",
    section: "retention",
  }),
  PORTICO_USAGE_ROLLUP_SECONDS: variable(int(1, 3600), {
    default: "60",
    description:
      "Seconds between two usage rollups: the per-quarter-hour counts that charts, statistics and success rates read (lib/usage).",
    section: "retention",
  }),
  PORTICO_RETENTION_INTERVAL_SECONDS: variable(int(1, 7 * 86_400), {
    default: "3600",
    description: "Seconds between two runs of the retention job (the first runs 30 s after start).",
    section: "retention",
  }),
  PORTICO_RETENTION_BATCH_SIZE: variable(int(1, 10_000), {
    default: "500",
    description:
      "Rows deleted per statement; each batch is its own short transaction, so writers wait at most one batch.",
    section: "retention",
  }),
  PORTICO_RETENTION_CHECKS_DAYS: days(
    30,
    "Days a raw /authorize check is kept (the daily aggregates stay). At least 2: the monitoring page reads the last 24 hours from raw checks.",
    2,
  ),
  PORTICO_RETENTION_CHECK_AGGREGATES_DAYS: days(
    400,
    "Days a service's per-day check counts (uptime history) are kept.",
  ),
  PORTICO_RETENTION_DELIVERIES_DAYS: days(
    30,
    "Days a finished (succeeded or failed) webhook delivery and its attempts are kept. At least 2: the usage rollup recounts deliveries for as long as they may be retried (about 28 hours with the default schedule).",
    2,
  ),
  PORTICO_RETENTION_EVENTS_DAYS: days(
    30,
    "Days an outbox event is kept once fanned out and no delivery of it is pending (an event not yet fanned out is never pruned).",
  ),
  PORTICO_RETENTION_TRANSACTIONS_DAYS: days(90, "Days an issued JWT's transaction is kept after it was issued."),
  PORTICO_RETENTION_LOGIN_TOKENS_DAYS: days(30, "Days a one-time login token is kept after it was created."),
  PORTICO_RETENTION_CALLBACK_LOGS_DAYS: days(30, "Days a certification (callback) log entry is kept."),
  PORTICO_RETENTION_MAIL_DAYS: days(
    30,
    "Days a sent, failed or kept (no SMTP) e-mail stays in the outbox; pending mail is never pruned.",
  ),
  PORTICO_RETENTION_USAGE_DAYS: days(
    400,
    "Days the quarter-hour usage counts behind the charts and success rates are kept (they outlive the raw rows).",
  ),
  PORTICO_RETENTION_SESSIONS_DAYS: days(30, "Days a browser session row is kept after it expired."),
  PORTICO_AUDIT_RETENTION_DAYS: days(365, "Days an audit-log entry is kept."),
  PORTICO_METRICS_TOKEN: variable(z.string().min(1).optional(), {
    description: "Bearer token for GET /api/metrics (Prometheus). Unset: the route answers 404.",
    section: "observability",
    allowed: "any string",
  }),
  PORTICO_LOG_LEVEL: variable(z.enum(LOG_LEVELS, `must be one of ${LOG_LEVELS.join(", ")}`), {
    default: "info",
    description: "JSON log lines on stdout at or above this level.",
    section: "observability",
  }),
  PORTICO_BENCH_ROUTES: variable(flag, {
    default: "false",
    description: "1: enable the benchmark-only reference route.",
    section: "development",
  }),
};

type Variables = typeof CONFIG_VARIABLES;

/** The one schema: an unset (or empty) variable takes its default before its rule applies. */
export const configSchema = z.object(
  Object.fromEntries(
    Object.entries(CONFIG_VARIABLES).map(([name, entry]) => [
      name,
      z.preprocess((value) => (value === undefined || value === "" ? entry.default : value), entry.schema),
    ]),
  ) as { [K in keyof Variables]: z.ZodPipe<z.ZodTransform, Variables[K]["schema"]> },
);

/** Values a rule accepts, read from the rule itself (ranges, choices, formats); null when it says nothing plain. */
function describeAllowedValues(schema: z.ZodType): string | null {
  if (schema instanceof z.ZodOptional || schema instanceof z.ZodDefault)
    return describeAllowedValues(schema.unwrap() as z.ZodType);
  if (schema instanceof z.ZodPipe) return describeAllowedValues(schema.in as z.ZodType);
  if (schema instanceof z.ZodEnum)
    return (schema.options as string[])
      .filter((option) => option !== "")
      .map((option) => `\`${option}\``)
      .join(", ");
  if (schema instanceof z.ZodNumber) {
    const unit = schema.isInt ? "whole number" : "number";
    if (schema.minValue !== null && schema.maxValue !== null) return `${unit}, ${schema.minValue}–${schema.maxValue}`;
    if (schema.minValue !== null) return `${unit}, at least ${schema.minValue}`;
    return unit;
  }
  if (schema instanceof z.ZodString) {
    if (schema.format === "url") return "an absolute URL";
    if (schema.minLength !== null && schema.minLength > 1) return `at least ${schema.minLength} characters`;
    if (schema.maxLength !== null) return `text, up to ${schema.maxLength} characters`;
    return "text";
  }
  return null;
}

export interface ConfigurationEntry {
  name: string;
  section: ConfigSection;
  /** As written in the environment; null when unset means "none" or a computed value (the description says which). */
  default: string | null;
  /** The values the variable accepts. */
  allowed: string;
  description: string;
}

/** For docs/configuration.md (`npm run docs:config`): every variable with its section, default, values and meaning. */
export function describeConfiguration(): ConfigurationEntry[] {
  return Object.entries(CONFIG_VARIABLES).map(([name, entry]) => ({
    name,
    section: entry.section,
    default: entry.default ?? null,
    allowed: entry.allowed ?? describeAllowedValues(entry.schema) ?? "text",
    description: entry.description,
  }));
}

export type DatabaseProvider = "sqlite" | "postgresql";

export interface CertifyLimits {
  perService: number;
  perIp: number;
  windowSeconds: number;
}

export interface SchedulerSettings {
  enabled: boolean;
  concurrency: number;
  leaseSeconds: number;
  idleMs: number;
}

/** How long each growing table keeps its rows (lib/retention), and how the pruning job paces itself. */
export interface RetentionSettings {
  enabled: boolean;
  intervalMs: number;
  rollupIntervalMs: number;
  batchSize: number;
  checksDays: number;
  checkAggregatesDays: number;
  deliveriesDays: number;
  eventsDays: number;
  transactionsDays: number;
  loginTokensDays: number;
  callbackLogsDays: number;
  mailDays: number;
  usageDays: number;
  sessionsDays: number;
  auditDays: number;
}

export interface WebhookSettings {
  retryScheduleSeconds: number[];
  disableAfterMs: number;
  concurrency: number;
  leaseSeconds: number;
  pollMs: number;
  timeoutMs: number;
}

export interface PorticoConfig {
  port: number;
  dataDir: string;
  databaseUrl: string;
  databaseProvider: DatabaseProvider;
  authSecret: string;
  encryptionKey: Buffer;
  allowPrivateTargets: boolean;
  porticoServiceId: string;
  porticoServiceSecret: string;
  publicUrl: string;
  trustedProxyHops: number;
  /** Unset: mail is kept in the outbox for the admin (and printed to the log in development). */
  smtpUrl: string | undefined;
  mailFrom: string;
  mailPollMs: number;
  /** Unset: GET /api/metrics answers 404. */
  metricsToken: string | undefined;
  logLevel: (typeof LOG_LEVELS)[number];
  shutdownTimeoutMs: number;
  adminEmail: string;
  /** The address "Contact us" links open a mail to. */
  supportEmail: string;
  buildVersion: string;
  benchRoutes: boolean;
  /** PORTICO_DISABLE_WORKERS unset: this server runs the webhook and mail workers. */
  workersEnabled: boolean;
  sqlite: { synchronous: "normal" | "full"; statementCache: boolean };
  scheduler: SchedulerSettings;
  webhooks: WebhookSettings;
  certifyLimits: CertifyLimits;
  retention: RetentionSettings;
}

export class ConfigError extends Error {}

/**
 * PORTICO_WEB_CONCURRENCY for `npm start`'s launcher, which decides how many server processes to fork before any of
 * them parses the whole environment: the same rule as the table's, the number of cores when unset.
 */
export function readWebConcurrency(env: Record<string, string | undefined>): number {
  const parsed = configSchema.shape.PORTICO_WEB_CONCURRENCY.safeParse(env.PORTICO_WEB_CONCURRENCY);
  if (!parsed.success) {
    throw new ConfigError(`Invalid environment variable PORTICO_WEB_CONCURRENCY: ${parsed.error.issues[0]?.message}`);
  }
  return parsed.data ?? availableParallelism();
}

interface GeneratedSecrets {
  auth_secret: string;
  encryption_key: string;
  portico_service_id: string;
  portico_service_secret: string;
}

function loadOrCreateSecrets(dataDir: string): GeneratedSecrets {
  const file = path.join(dataDir, "secrets.json");
  if (existsSync(file)) return JSON.parse(readFileSync(file, "utf8")) as GeneratedSecrets;
  mkdirSync(dataDir, { recursive: true });
  const secrets: GeneratedSecrets = {
    auth_secret: randomBytes(32).toString("base64url"),
    encryption_key: randomBytes(32).toString("base64"),
    portico_service_id: `portico-${randomBytes(6).toString("hex")}`,
    portico_service_secret: randomBytes(32).toString("base64url"),
  };
  // "wx": when two processes start at once, the second reads what the first wrote.
  try {
    writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600, flag: "wx" });
  } catch {
    return JSON.parse(readFileSync(file, "utf8")) as GeneratedSecrets;
  }
  return secrets;
}

export function parseConfig(env: Record<string, string | undefined>): PorticoConfig {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(`Invalid environment variable ${String(issue?.path[0])}: ${issue?.message}`);
  }
  const values = parsed.data;
  const dataDir = path.resolve(/*turbopackIgnore: true*/ values.PORTICO_DATA_DIR ?? "data");
  const databaseUrl = values.DATABASE_URL ?? `file:${path.join(dataDir, "portico.db")}`;
  const databaseProvider: DatabaseProvider = databaseUrl.startsWith("file:") ? "sqlite" : "postgresql";
  const needsGenerated =
    !values.AUTH_SECRET ||
    !values.PORTICO_ENCRYPTION_KEY ||
    !values.PORTICO_SERVICE_ID ||
    !values.PORTICO_SERVICE_SECRET;
  const generated = needsGenerated ? loadOrCreateSecrets(dataDir) : undefined;
  const fromEnvOrGenerated = (given: string | undefined, key: keyof GeneratedSecrets): string => {
    if (given) return given;
    if (!generated) throw new ConfigError(`No value for ${key}`);
    return generated[key];
  };
  return {
    port: values.PORT,
    dataDir,
    databaseUrl,
    databaseProvider,
    authSecret: fromEnvOrGenerated(values.AUTH_SECRET, "auth_secret"),
    encryptionKey: Buffer.from(fromEnvOrGenerated(values.PORTICO_ENCRYPTION_KEY, "encryption_key"), "base64"),
    allowPrivateTargets: values.PORTICO_ALLOW_PRIVATE_TARGETS,
    porticoServiceId: fromEnvOrGenerated(values.PORTICO_SERVICE_ID, "portico_service_id"),
    porticoServiceSecret: fromEnvOrGenerated(values.PORTICO_SERVICE_SECRET, "portico_service_secret"),
    publicUrl: values.PORTICO_PUBLIC_URL ?? `http://localhost:${values.PORT}`,
    trustedProxyHops: values.PORTICO_TRUSTED_PROXY_HOPS,
    smtpUrl: values.PORTICO_SMTP_URL,
    mailFrom: values.PORTICO_MAIL_FROM,
    mailPollMs: values.PORTICO_MAIL_POLL_MS,
    metricsToken: values.PORTICO_METRICS_TOKEN,
    logLevel: values.PORTICO_LOG_LEVEL,
    shutdownTimeoutMs: values.PORTICO_SHUTDOWN_TIMEOUT_MS,
    adminEmail: values.PORTICO_ADMIN_EMAIL,
    supportEmail: values.PORTICO_SUPPORT_EMAIL ?? values.PORTICO_ADMIN_EMAIL,
    buildVersion: values.PORTICO_BUILD_VERSION || env.npm_package_version || "0.1.0",
    benchRoutes: values.PORTICO_BENCH_ROUTES,
    sqlite: { synchronous: values.PORTICO_SQLITE_SYNCHRONOUS, statementCache: values.PORTICO_SQLITE_STATEMENT_CACHE },
    scheduler: {
      enabled: !values.PORTICO_DISABLE_SCHEDULER,
      concurrency: values.PORTICO_CHECK_CONCURRENCY,
      leaseSeconds: values.PORTICO_CHECK_LEASE_SECONDS,
      idleMs: values.PORTICO_SCHEDULER_IDLE_MS,
    },
    workersEnabled: !values.PORTICO_DISABLE_WORKERS,
    webhooks: {
      retryScheduleSeconds: values.PORTICO_WEBHOOK_RETRY_SCHEDULE,
      disableAfterMs: values.PORTICO_WEBHOOK_DISABLE_AFTER_HOURS * 3600_000,
      concurrency: values.PORTICO_WEBHOOK_CONCURRENCY,
      leaseSeconds: values.PORTICO_WEBHOOK_LEASE_SECONDS,
      pollMs: values.PORTICO_WEBHOOK_POLL_MS,
      timeoutMs: values.PORTICO_WEBHOOK_TIMEOUT_MS,
    },
    certifyLimits: {
      perService: values.PORTICO_CERTIFY_LIMIT_PER_SERVICE,
      perIp: values.PORTICO_CERTIFY_LIMIT_PER_IP,
      windowSeconds: values.PORTICO_CERTIFY_LIMIT_WINDOW_SECONDS,
    },
    retention: {
      enabled: !values.PORTICO_DISABLE_RETENTION,
      intervalMs: values.PORTICO_RETENTION_INTERVAL_SECONDS * 1000,
      rollupIntervalMs: values.PORTICO_USAGE_ROLLUP_SECONDS * 1000,
      batchSize: values.PORTICO_RETENTION_BATCH_SIZE,
      checksDays: values.PORTICO_RETENTION_CHECKS_DAYS,
      checkAggregatesDays: values.PORTICO_RETENTION_CHECK_AGGREGATES_DAYS,
      deliveriesDays: values.PORTICO_RETENTION_DELIVERIES_DAYS,
      eventsDays: values.PORTICO_RETENTION_EVENTS_DAYS,
      transactionsDays: values.PORTICO_RETENTION_TRANSACTIONS_DAYS,
      loginTokensDays: values.PORTICO_RETENTION_LOGIN_TOKENS_DAYS,
      callbackLogsDays: values.PORTICO_RETENTION_CALLBACK_LOGS_DAYS,
      mailDays: values.PORTICO_RETENTION_MAIL_DAYS,
      usageDays: values.PORTICO_RETENTION_USAGE_DAYS,
      sessionsDays: values.PORTICO_RETENTION_SESSIONS_DAYS,
      auditDays: values.PORTICO_AUDIT_RETENTION_DAYS,
    },
  };
}

let cached: PorticoConfig | undefined;

/** Tests that run domain code in their own process replace settings here (never by editing process.env). */
export function overrideConfig(overrides: Partial<PorticoConfig>): void {
  cached = { ...getConfig(), ...overrides };
}

/** The configuration, parsed from the environment on first use (start-up parses it first: lib/startup.ts). */
export function getConfig(): PorticoConfig {
  cached ??= parseConfig(process.env);
  return cached;
}
