// Callback verification contract certification: is this device's access token good for this service? Development mode compares with the
// development token; production mode asks the partner's A&A service. Every decision about a known service is logged.

import { consumeRateLimit } from "@/lib/auth/rate-limit";
import { getConfig } from "@/lib/config";
import { decryptSecret } from "@/lib/crypto/encryption";
import { safeEqual, sha256Hex } from "@/lib/crypto/hash";
import { randomBase62 } from "@/lib/crypto/random";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { OutboundError } from "@/lib/http/outbound";
import { getServiceOrThrow } from "@/lib/services/services";
import type { DeviceCredentials } from "./authorization";
import { getCertificationCache } from "./cache";
import { writeCallbackLog } from "./logs";
import { buildCallbackBody, callPartner } from "./partner-call";
import { type CallbackMode, testCallbackResultSchema } from "./schemas";

const notCertified = (message: string) => new AppError("not_certified", message);

/** Per client IP, before anything else is read, so malformed floods are limited too. */
export async function limitCertifyByIp(clientIp: string): Promise<void> {
  const limits = getConfig().certifyLimits;
  await consumeRateLimit({
    name: "certify-ip",
    keys: [clientIp],
    points: limits.perIp,
    durationSeconds: limits.windowSeconds,
    message: (retryAfter) => `Too many certification requests from this address. Try again in ${retryAfter} s.`,
  });
}

export async function certifyAccessToken(input: {
  publicServiceId: string;
  userIdentifier?: string | null;
  credentials: DeviceCredentials;
}): Promise<{ certified: true }> {
  const service = await getDb().service.findUnique({
    where: { serviceId: input.publicServiceId },
    select: { id: true, state: true, callback: true },
  });
  if (!service) throw new AppError("not_found", `No service with service_id ${input.publicServiceId}.`);
  const limits = getConfig().certifyLimits;
  await consumeRateLimit({
    name: "certify-service",
    keys: [service.id],
    points: limits.perService,
    durationSeconds: limits.windowSeconds,
    message: (retryAfter) => `Too many certification requests for this service. Try again in ${retryAfter} s.`,
  });
  const config = service.callback;
  const userIdentifier = input.userIdentifier ?? null;
  const log = (
    mode: CallbackMode,
    entry: Omit<Parameters<typeof writeCallbackLog>[0], "serviceKey" | "mode" | "userIdentifier">,
  ) => writeCallbackLog({ serviceKey: service.id, mode, userIdentifier, ...entry });

  if (!config) {
    await log("development", { outcome: "rejected", error: "not_configured" });
    throw notCertified("Callback verification is not configured for this service.");
  }
  if (config.mode === "development") {
    // Digests have equal length, so the comparison leaks nothing about the token's length either.
    const expected = sha256Hex(decryptSecret(config.developmentTokenCiphertext));
    const certified = safeEqual(sha256Hex(input.credentials.accessToken), expected);
    await log(
      "development",
      certified ? { outcome: "certified" } : { outcome: "rejected", error: "development_token_mismatch" },
    );
    if (!certified) throw notCertified("The access token does not match the service's development token.");
    return { certified: true };
  }
  if (service.state !== "published") {
    await log("production", { outcome: "rejected", error: "not_published" });
    throw notCertified("This service is not published yet: until it is, only development mode can certify.");
  }
  if (!config.url || !config.apiUser || !config.apiPasswordCiphertext) {
    await log("production", { outcome: "rejected", error: "not_configured" });
    throw notCertified("The service's A&A callback is not fully configured.");
  }
  const cache = getCertificationCache();
  const cacheKey = {
    serviceKey: service.id,
    configVersion: config.updatedAt.toISOString(),
    tokenType: input.credentials.tokenType,
    accessToken: input.credentials.accessToken,
    userIdentifier,
  };
  if (config.cacheTtlSeconds > 0 && cache.has(cacheKey)) {
    await log("production", { outcome: "cached" });
    return { certified: true };
  }
  const started = performance.now();
  try {
    const response = await callPartner({
      url: config.url,
      apiUser: config.apiUser,
      apiPassword: decryptSecret(config.apiPasswordCiphertext),
      ...input.credentials,
      userIdentifier,
    });
    const entry = { callbackStatus: response.status, latencyMs: response.latencyMs };
    if (response.status === 200) {
      cache.remember(cacheKey, config.cacheTtlSeconds);
      await log("production", { outcome: "certified", ...entry });
      return { certified: true };
    }
    await log("production", { outcome: "rejected", ...entry });
    throw notCertified(`The partner's A&A service did not certify the token (HTTP ${response.status}).`);
  } catch (error) {
    if (!(error instanceof OutboundError)) throw error;
    const latencyMs = Math.round(performance.now() - started);
    await log("production", { outcome: "unreachable", latencyMs, error: `${error.code}: ${error.message}` });
    throw new AppError(
      "partner_unreachable",
      error.code === "timeout"
        ? "The partner's A&A service did not answer in time."
        : "The partner's A&A service could not be reached.",
    );
  }
}

/** The panel's "Test callback": a sample request to the configured URL, answered back verbatim (abridged). */
export async function sendTestCallback(options: { partnerId: string; id: string }) {
  const service = await getServiceOrThrow(options);
  const config = await getDb().callbackConfig.findUnique({ where: { serviceId: service.id } });
  if (!config?.url) throw new AppError("invalid_request", "Save a callback URL before testing it.");
  // Each test is an outbound request the partner triggers at will; keep it from being a request cannon.
  await consumeRateLimit({ name: "callback-test", keys: [service.id], points: 20, durationSeconds: 60 });
  const sample = {
    apiUser: config.apiUser ?? "",
    apiPassword: config.apiPasswordCiphertext ? decryptSecret(config.apiPasswordCiphertext) : "",
    tokenType: "Bearer",
    accessToken: `portico-test-${randomBase62(16)}`,
    userIdentifier: "portico-test-user",
  };
  const mode = config.mode as CallbackMode;
  const requestBody = { ...buildCallbackBody(sample), api_secret: sample.apiPassword ? "********" : "" };
  const started = performance.now();
  try {
    const response = await callPartner({ url: config.url, ...sample });
    const ok = response.status === 200;
    await writeCallbackLog({
      serviceKey: service.id,
      mode,
      outcome: ok ? "certified" : "rejected",
      userIdentifier: sample.userIdentifier,
      callbackStatus: response.status,
      latencyMs: response.latencyMs,
      test: true,
    });
    return testCallbackResultSchema.parse({
      ok,
      callback_status: response.status,
      latency_ms: response.latencyMs,
      error: null,
      response_excerpt: response.body.slice(0, 500),
      request_body: requestBody,
    });
  } catch (error) {
    if (!(error instanceof OutboundError)) throw error;
    const latencyMs = Math.round(performance.now() - started);
    const message = `${error.code}: ${error.message}`;
    await writeCallbackLog({
      serviceKey: service.id,
      mode,
      outcome: "unreachable",
      userIdentifier: sample.userIdentifier,
      latencyMs,
      error: message,
      test: true,
    });
    return testCallbackResultSchema.parse({
      ok: false,
      callback_status: null,
      latency_ms: latencyMs,
      error: message,
      response_excerpt: null,
      request_body: requestBody,
    });
  }
}
