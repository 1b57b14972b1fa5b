// Wire shapes of callback verification (callback verification contract): the partner's A&A configuration, certification, the log.
import { z } from "zod";
import { partnerUrlSchema } from "@/lib/http/url-schema";

export const CALLBACK_MODES = ["production", "development"] as const;
export const CALLBACK_OUTCOMES = ["certified", "rejected", "unreachable", "cached"] as const;
export type CallbackMode = (typeof CALLBACK_MODES)[number];
export type CallbackOutcome = (typeof CALLBACK_OUTCOMES)[number];
/** What counts as a success in the success rate: certified by the partner, or answered from the cache. */
export const SUCCESSFUL_CALLBACK_OUTCOMES: CallbackOutcome[] = ["certified", "cached"];

/** Longest positive-result cache a partner may ask for: a revoked token must stop working soon. */
export const MAX_CACHE_TTL_SECONDS = 300;
/** Devices send a service id and maybe a user identifier; anything bigger is not a certification request. */
export const CERTIFY_MAX_BODY_BYTES = 4 * 1024;
export const MAX_ACCESS_TOKEN_LENGTH = 4096;

export const putCallbackConfigSchema = z
  .object({
    url: partnerUrlSchema
      .nullable()
      .optional()
      .meta({ description: "Your A&A endpoint. Required in production mode." }),
    api_user: z.string().trim().max(200, "must be at most 200 characters").nullable().optional(),
    api_password: z.string().max(500, "must be at most 500 characters").nullable().optional().meta({
      description:
        "Sent to your A&A endpoint as `api_secret`. Omit or send an empty string to keep the stored one. Never returned.",
    }),
    mode: z.enum(CALLBACK_MODES),
    cache_ttl_seconds: z
      .number()
      .int("must be a whole number of seconds")
      .min(0, "must be at least 0")
      .max(MAX_CACHE_TTL_SECONDS, `must be at most ${MAX_CACHE_TTL_SECONDS}`)
      .optional()
      .meta({ description: "Remember a positive answer for this long per (service, token). 0 (default) = off." }),
  })
  .strict()
  .meta({ id: "PutCallbackConfigRequest" });

export type PutCallbackConfigInput = z.infer<typeof putCallbackConfigSchema>;

export const callbackConfigSchema = z
  .object({
    service_id: z.string().meta({ description: "The public service_id devices send to /api/v1/certify." }),
    configured: z.boolean(),
    mode: z.enum(CALLBACK_MODES),
    url: z.string().nullable(),
    api_user: z.string().nullable(),
    has_api_password: z.boolean(),
    cache_ttl_seconds: z.number().int(),
    updated_at: z.string().nullable(),
  })
  .meta({ id: "CallbackConfig" });

export const callbackConfigWithTokenSchema = callbackConfigSchema
  .extend({
    development_token: z
      .string()
      .nullable()
      .meta({ description: "Accepted as the access token in development mode. Not for production." }),
  })
  .meta({ id: "CallbackConfigWithDevelopmentToken" });

export const developmentTokenSchema = z.object({ development_token: z.string() }).meta({ id: "DevelopmentToken" });

export const certifyRequestSchema = z
  .object({
    service_id: z.string().trim().min(1, "is required").max(200, "must be at most 200 characters"),
    // null is how some SDKs spell "absent"; it is never forwarded.
    user_identifier: z.string().min(1, "must not be empty").max(256, "must be at most 256 characters").nullish(),
  })
  .strict()
  .meta({ id: "CertifyRequest" });

export type CertifyRequest = z.infer<typeof certifyRequestSchema>;

export const certifiedSchema = z.object({ certified: z.literal(true) }).meta({ id: "Certified" });

export const callbackLogEntrySchema = z
  .object({
    id: z.string(),
    created_at: z.string(),
    user_identifier: z.string().nullable(),
    mode: z.enum(CALLBACK_MODES),
    outcome: z.enum(CALLBACK_OUTCOMES),
    callback_status: z.number().int().nullable(),
    latency_ms: z.number().int().nullable(),
    error: z.string().nullable(),
    test: z.boolean(),
  })
  .meta({ id: "CallbackLogEntry" });

export const callbackLogSchema = z
  .object({
    data: z.array(callbackLogEntrySchema),
    last_24h: z.object({
      total: z.number().int(),
      certified: z.number().int(),
      success_rate: z
        .number()
        .nullable()
        .meta({ description: "certified (incl. cached) / total, 0..1; null without requests." }),
    }),
  })
  .meta({ id: "CallbackLog" });

export const testCallbackResultSchema = z
  .object({
    ok: z.boolean(),
    callback_status: z.number().int().nullable(),
    latency_ms: z.number().int().nullable(),
    error: z.string().nullable(),
    response_excerpt: z
      .string()
      .nullable()
      .meta({ description: "The first 500 characters of your endpoint's answer." }),
    request_body: z.record(z.string(), z.string()).meta({ description: "What was sent, with api_secret masked." }),
  })
  .meta({ id: "TestCallbackResult" });

export type TestCallbackResult = z.infer<typeof testCallbackResultSchema>;

export const listCallbackLogsQuerySchema = z
  .object({ limit: z.coerce.number().int().min(1).max(500).optional() })
  .meta({ id: "ListCallbackLogsQuery" });

/** The panel form: every field arrives as a string; blanks mean "none" (and, for the password, "keep"). */
export const callbackSettingsFormSchema = z
  .object({
    url: z.string().trim(),
    api_user: z.string().trim(),
    api_password: z.string(),
    mode: z.enum(CALLBACK_MODES, "must be production or development"),
    cache_ttl_seconds: z.string().trim(),
  })
  .transform((form): unknown => ({
    url: form.url || null,
    api_user: form.api_user || null,
    api_password: form.api_password || null,
    mode: form.mode,
    cache_ttl_seconds: form.cache_ttl_seconds === "" ? 0 : Number(form.cache_ttl_seconds),
  }));

/** The panel form, parsed into the same input the API's PUT validates, so both paths share every rule. */
export const callbackSettingsFormInputSchema = callbackSettingsFormSchema.pipe(putCallbackConfigSchema);
