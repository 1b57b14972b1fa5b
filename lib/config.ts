// The one place that reads the environment: one zod schema, one entry per variable (name, default, description),
// parsed once at start-up (lib/startup.ts), so a bad value stops the server with a message naming the variable.
// Everything else receives its settings from getConfig(). Secrets a first start needs are generated once into the
// data folder when absent.
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import path from "node:path";
import { z } from "zod";

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

/** One variable: its rule, the default it takes when unset (as written in the environment), and what it does. */
function variable<S extends z.ZodType>(schema: S, options: { default?: string; description: string }) {
  return { schema, default: options.default, description: options.description };
}

/**
 * Every environment variable a Portico process reads. docs/configuration.md is generated from this table
 * (describeConfiguration), so each entry's description is the documentation.
 */
export const CONFIG_VARIABLES = {
  PORT: variable(int(1, 65535), { default: "3000", description: "The HTTP port the server listens on." }),
  PORTICO_WEB_CONCURRENCY: variable(int(1, 256).optional(), {
    description:
      "Server processes `npm start` runs on its one port (node:cluster; default: the number of cores). Only the first runs the background loops; rate limits and revocations hold across all of them.",
  }),
  PORTICO_DATA_DIR: variable(z.string().min(1).optional(), {
    description: "Folder for the SQLite file and generated secrets (default ./data).",
  }),
  DATABASE_URL: variable(
    z
      .string()
      .regex(/^(file:|postgres(ql)?:\/\/)/, "must start with file: (SQLite) or postgresql:// (PostgreSQL)")
      .optional(),
    {
      description:
        "file:… = embedded SQLite; postgresql://… = multi-instance mode (default: file:<data dir>/portico.db).",
    },
  ),
  AUTH_SECRET: variable(z.string().min(32, "must be at least 32 characters").optional(), {
    description:
      "Session signing secret (at least 32 characters); generated into <data dir>/secrets.json when unset. Set it when several instances share a database.",
  }),
  PORTICO_ENCRYPTION_KEY: variable(base64Key.optional(), {
    description:
      "32 bytes, base64: AES-256-GCM key for stored partner secrets; generated when unset. Set it in multi-instance mode.",
  }),
  PORTICO_ALLOW_PRIVATE_TARGETS: variable(flag, {
    default: "false",
    description: "Let Portico call loopback and private partner URLs (development, tests).",
  }),
  PORTICO_SERVICE_ID: variable(z.string().min(1).optional(), {
    description: "Portico's own /authorize identity; generated when unset.",
  }),
  PORTICO_SERVICE_SECRET: variable(z.string().min(1).optional(), {
    description: "The secret Portico signs its own /authorize answers with; generated when unset.",
  }),
  PORTICO_PUBLIC_URL: variable(z.string().url("must be an absolute URL").optional(), {
    description: "The URL users reach Portico at (default http://localhost:<PORT>).",
  }),
  PORTICO_TRUSTED_PROXY_HOPS: variable(int(0, 10), {
    default: "0",
    description:
      "Proxies that append to X-Forwarded-For in front of Portico; per-IP limits use the entry that many from the right. 0 (no proxy): the socket's peer address, X-Forwarded-For ignored.",
  }),
  PORTICO_ADMIN_EMAIL: variable(z.string().min(3).max(254), {
    default: "admin@portico.local",
    description: "Email of the admin account created on first start.",
  }),
  PORTICO_SUPPORT_EMAIL: variable(z.string().email("must be an email address").max(254).optional(), {
    description: "Where the panel's “Contact us” links write to (default: PORTICO_ADMIN_EMAIL).",
  }),
  PORTICO_BUILD_VERSION: variable(z.string().max(200).optional(), {
    description: "The version /authorize and /api/health report (default: the package version).",
  }),
  PORTICO_SQLITE_SYNCHRONOUS: variable(z.enum(["normal", "full"], "must be normal or full"), {
    default: "normal",
    description:
      "full: fsync every SQLite commit (normal: WAL + NORMAL, crash-safe, may lose the last commits on power loss).",
  }),
  PORTICO_SQLITE_STATEMENT_CACHE: variable(flag, {
    default: "1",
    description: "0: prepare every SQLite statement anew (diagnostics).",
  }),
  PORTICO_DISABLE_SCHEDULER: variable(flag, {
    default: "false",
    description: "1: this server does not run /authorize checks (leave them to npm run worker).",
  }),
  PORTICO_CHECK_CONCURRENCY: variable(int(1, 1000), { default: "50", description: "Checks in flight per process." }),
  PORTICO_CHECK_LEASE_SECONDS: variable(int(1, 3600), {
    default: "60",
    description:
      "How long a claimed check stays with its process. Must exceed twice the 5 s check timeout plus the write.",
  }),
  PORTICO_SCHEDULER_IDLE_MS: variable(int(10, 60_000), {
    default: "500",
    description: "How long the check scheduler waits when nothing is due.",
  }),
  PORTICO_DISABLE_WORKERS: variable(flag, {
    default: "false",
    description: "1: this server does not deliver webhooks or mail (leave them to a worker).",
  }),
  PORTICO_WEBHOOK_RETRY_SCHEDULE: variable(secondsList, {
    default: "5,300,1800,7200,18000,36000,36000",
    description: "Seconds between webhook delivery attempts; after the last the delivery is failed.",
  }),
  PORTICO_WEBHOOK_DISABLE_AFTER_HOURS: variable(z.coerce.number().positive("must be more than 0"), {
    default: "120",
    description: "An endpoint that fails every delivery this long is disabled.",
  }),
  PORTICO_WEBHOOK_CONCURRENCY: variable(int(1, 2000), {
    default: "100",
    description: "Deliveries in flight per process.",
  }),
  PORTICO_WEBHOOK_LEASE_SECONDS: variable(int(1, 3600), {
    default: "60",
    description:
      "How long a claimed delivery stays with its process. Must exceed the token fetch plus the send timeout.",
  }),
  PORTICO_WEBHOOK_POLL_MS: variable(int(10, 60_000), {
    default: "200",
    description: "How long the delivery worker waits when nothing is due.",
  }),
  PORTICO_WEBHOOK_TIMEOUT_MS: variable(int(100, 60_000), { default: "15000", description: "Timeout of one delivery." }),
  PORTICO_CERTIFY_LIMIT_PER_SERVICE: variable(int(1, 1_000_000), {
    default: "600",
    description: "Device-token certifications per service per window.",
  }),
  PORTICO_CERTIFY_LIMIT_PER_IP: variable(int(1, 1_000_000), {
    default: "120",
    description: "Device-token certifications per client address per window.",
  }),
  PORTICO_CERTIFY_LIMIT_WINDOW_SECONDS: variable(int(1, 86_400), {
    default: "60",
    description: "The certification rate-limit window.",
  }),
  PORTICO_SMTP_URL: variable(
    z
      .string()
      .regex(/^smtps?:\/\//, "must be an smtp:// or smtps:// URL")
      .optional(),
    {
      description:
        "Where Portico sends mail (smtp:// or smtps://). Unset: mail stays in the outbox for the admin (and is printed to the log in development).",
    },
  ),
  PORTICO_MAIL_FROM: variable(z.string().min(3, "must be at least 3 characters"), {
    default: "Portico <portico@localhost>",
    description: "The From address of Portico's mail.",
  }),
  PORTICO_AUDIT_RETENTION_DAYS: variable(int(1, 36500), {
    default: "365",
    description: "How long audit log entries are kept.",
  }),
  PORTICO_MAIL_POLL_MS: variable(int(10, 600_000), {
    default: "2000",
    description: "How often the mail sender looks at the outbox.",
  }),
  PORTICO_BENCH_ROUTES: variable(flag, {
    default: "false",
    description: "1: enable the benchmark-only reference route.",
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

/** For docs/configuration.md: every variable with its default and description. */
export function describeConfiguration(): { name: string; default: string | null; description: string }[] {
  return Object.entries(CONFIG_VARIABLES).map(([name, entry]) => ({
    name,
    default: entry.default ?? null,
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
  auditRetentionDays: number;
  mailPollMs: number;
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
    auditRetentionDays: values.PORTICO_AUDIT_RETENTION_DAYS,
    mailPollMs: values.PORTICO_MAIL_POLL_MS,
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
