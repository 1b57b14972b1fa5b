// Certification rate limits from the environment. Kept here rather than in lib/config.ts (shared file) for now;
// validated on first use with a message naming the variable, like lib/config.ts does.
import { z } from "zod";
import { ConfigError } from "@/lib/config";

const limitsSchema = z.object({
  PORTICO_CERTIFY_LIMIT_PER_SERVICE: z.coerce.number().int().min(1).max(1_000_000).default(600),
  PORTICO_CERTIFY_LIMIT_PER_IP: z.coerce.number().int().min(1).max(1_000_000).default(120),
  PORTICO_CERTIFY_LIMIT_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),
});

export interface CertifyLimits {
  perService: number;
  perIp: number;
  windowSeconds: number;
}

export function parseCertifyLimits(env: Record<string, string | undefined>): CertifyLimits {
  const parsed = limitsSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(`Invalid environment variable ${String(issue.path[0])}: ${issue.message}`);
  }
  return {
    perService: parsed.data.PORTICO_CERTIFY_LIMIT_PER_SERVICE,
    perIp: parsed.data.PORTICO_CERTIFY_LIMIT_PER_IP,
    windowSeconds: parsed.data.PORTICO_CERTIFY_LIMIT_WINDOW_SECONDS,
  };
}

let cached: CertifyLimits | undefined;

export function getCertifyLimits(): CertifyLimits {
  cached ??= parseCertifyLimits(process.env);
  return cached;
}
