// A service's A&A configuration: where Portico asks, with which credentials, and in which mode.

import { recordAudit } from "@/lib/audit/audit";
import { getConfig } from "@/lib/config";
import { decryptSecret, encryptSecret } from "@/lib/crypto/encryption";
import { randomBase62 } from "@/lib/crypto/random";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { getServiceOrThrow } from "@/lib/services/services";
import {
  type CallbackMode,
  callbackConfigSchema,
  callbackConfigWithTokenSchema,
  developmentTokenSchema,
  type PutCallbackConfigInput,
} from "./schemas";

type ConfigRow = {
  mode: string;
  url: string | null;
  apiUser: string | null;
  apiPasswordCiphertext: string | null;
  developmentTokenCiphertext: string;
  cacheTtlSeconds: number;
  updatedAt: Date;
};

/** `dev_` marks it as a development token wherever it leaks to (logs, tickets, secret scanners). */
export function generateDevelopmentToken(): string {
  return `dev_${randomBase62(32)}`;
}

function toConfigOutput(publicServiceId: string, row: ConfigRow | null) {
  return callbackConfigSchema.parse({
    service_id: publicServiceId,
    configured: row !== null,
    mode: (row?.mode ?? "development") as CallbackMode,
    url: row?.url ?? null,
    api_user: row?.apiUser ?? null,
    has_api_password: Boolean(row?.apiPasswordCiphertext),
    cache_ttl_seconds: row?.cacheTtlSeconds ?? 0,
    updated_at: row?.updatedAt.toISOString() ?? null,
  });
}

/** The owner's view, including the development token (GET and the panel only). */
export async function getCallbackConfig(options: { partnerId: string; id: string }) {
  const service = await getServiceOrThrow(options);
  const row = await getDb().callbackConfig.findUnique({ where: { serviceId: service.id } });
  return callbackConfigWithTokenSchema.parse({
    ...toConfigOutput(service.serviceId, row),
    development_token: row ? decryptSecret(row.developmentTokenCiphertext) : null,
  });
}

/** Production mode asks the partner, so everything the request needs must be there (and sent over TLS). */
export function assertUsableInProduction(
  config: { url: string | null; apiUser: string | null; hasPassword: boolean },
  allowPrivateTargets = getConfig().allowPrivateTargets,
) {
  if (!config.url) throw new AppError("invalid_request", "url: production mode needs your A&A callback URL");
  // Plain http would carry api_secret in clear; it is allowed only where loopback targets are (development, tests).
  if (new URL(config.url).protocol !== "https:" && !allowPrivateTargets) {
    throw new AppError("invalid_request", "url: production mode needs an https:// callback URL");
  }
  if (!config.apiUser)
    throw new AppError("invalid_request", "api_user: production mode needs the api_user your A&A service expects");
  if (!config.hasPassword) {
    throw new AppError("invalid_request", "api_password: production mode needs the password your A&A service expects");
  }
}

/** Replaces the configuration; an empty or omitted api_password keeps the stored one (it is never shown again). */
export async function saveCallbackConfig(options: { partnerId: string; id: string; input: PutCallbackConfigInput }) {
  const service = await getServiceOrThrow(options);
  const { input } = options;
  const db = getDb();
  const existing = await db.callbackConfig.findUnique({
    where: { serviceId: service.id },
    select: { apiPasswordCiphertext: true },
  });
  const url = input.url || null;
  const apiUser = input.api_user || null;
  const apiPasswordCiphertext = input.api_password
    ? encryptSecret(input.api_password)
    : (existing?.apiPasswordCiphertext ?? null);
  if (input.mode === "production")
    assertUsableInProduction({ url, apiUser, hasPassword: apiPasswordCiphertext !== null });
  const data = { mode: input.mode, url, apiUser, apiPasswordCiphertext, cacheTtlSeconds: input.cache_ttl_seconds ?? 0 };
  const row = await db.$transaction(async (tx) => {
    await recordAudit(tx, {
      partnerId: options.partnerId,
      action: "callback.updated",
      target: { type: "service", id: service.id },
      // Never the password: only whether it changed.
      data: { after: { mode: input.mode, url, api_user: apiUser, password_changed: Boolean(input.api_password) } },
    });
    return tx.callbackConfig.upsert({
      where: { serviceId: service.id },
      // The development token exists from the first save so switching modes never leaves a service without one.
      create: { serviceId: service.id, developmentTokenCiphertext: encryptSecret(generateDevelopmentToken()), ...data },
      update: data,
    });
  });
  return toConfigOutput(service.serviceId, row);
}

/** A new development token; the old one stops working at once. */
export async function regenerateDevelopmentToken(options: { partnerId: string; id: string }) {
  const service = await getServiceOrThrow(options);
  const token = generateDevelopmentToken();
  const developmentTokenCiphertext = encryptSecret(token);
  await getDb().$transaction(async (tx) => {
    await tx.callbackConfig.upsert({
      where: { serviceId: service.id },
      create: { serviceId: service.id, developmentTokenCiphertext },
      update: { developmentTokenCiphertext },
    });
    await recordAudit(tx, {
      partnerId: options.partnerId,
      action: "callback.development_token_rotated",
      target: { type: "service", id: service.id },
    });
  });
  return developmentTokenSchema.parse({ development_token: token });
}
