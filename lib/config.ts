// The one place that reads the environment. Validated with zod at start-up; a bad value fails with a message
// naming the variable. Secrets a first start needs are generated once into the data folder when absent.
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

const booleanFromString = z
  .enum(["true", "false", "1", "0", ""])
  .optional()
  .transform((value) => value === "true" || value === "1");

const base64Key = z
  .string()
  .refine((value) => Buffer.from(value, "base64").length === 32, "must be 32 bytes encoded as base64");

const envSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  PORTICO_DATA_DIR: z.string().min(1).optional(),
  DATABASE_URL: z
    .string()
    .regex(/^(file:|postgres(ql)?:\/\/)/, "must start with file: (SQLite) or postgresql:// (PostgreSQL)")
    .optional(),
  AUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  PORTICO_ENCRYPTION_KEY: base64Key.optional(),
  PORTICO_ALLOW_PRIVATE_TARGETS: booleanFromString,
  PORTICO_SERVICE_ID: z.string().min(1).optional(),
  PORTICO_SERVICE_SECRET: z.string().min(1).optional(),
  PORTICO_PUBLIC_URL: z.string().url().optional(),
  PORTICO_TRUSTED_PROXY_HOPS: z.coerce.number().int().min(1).max(10).default(1),
  PORTICO_SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, "must be an smtp:// or smtps:// URL")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  PORTICO_MAIL_FROM: z.string().min(3).default("Portico <portico@localhost>"),
  PORTICO_AUDIT_RETENTION_DAYS: z.coerce.number().int().min(1).max(36500).default(365),
  PORTICO_MAIL_POLL_MS: z.coerce.number().int().min(10).max(600_000).default(2000),
});

export type DatabaseProvider = "sqlite" | "postgresql";

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
}

export class ConfigError extends Error {}

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
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(`Invalid environment variable ${String(issue.path[0])}: ${issue.message}`);
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
  return {
    port: values.PORT,
    dataDir,
    databaseUrl,
    databaseProvider,
    authSecret: values.AUTH_SECRET ?? (generated as GeneratedSecrets).auth_secret,
    encryptionKey: Buffer.from(
      values.PORTICO_ENCRYPTION_KEY ?? (generated as GeneratedSecrets).encryption_key,
      "base64",
    ),
    allowPrivateTargets: values.PORTICO_ALLOW_PRIVATE_TARGETS,
    porticoServiceId: values.PORTICO_SERVICE_ID ?? (generated as GeneratedSecrets).portico_service_id,
    porticoServiceSecret: values.PORTICO_SERVICE_SECRET ?? (generated as GeneratedSecrets).portico_service_secret,
    publicUrl: values.PORTICO_PUBLIC_URL ?? `http://localhost:${values.PORT}`,
    trustedProxyHops: values.PORTICO_TRUSTED_PROXY_HOPS,
    smtpUrl: values.PORTICO_SMTP_URL,
    mailFrom: values.PORTICO_MAIL_FROM,
    auditRetentionDays: values.PORTICO_AUDIT_RETENTION_DAYS,
    mailPollMs: values.PORTICO_MAIL_POLL_MS,
  };
}

let cached: PorticoConfig | undefined;

export function getConfig(): PorticoConfig {
  cached ??= parseConfig(process.env);
  return cached;
}
