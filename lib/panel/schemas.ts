// Panel-only form schemas (the domain schemas live with their capability).
import { z } from "zod";
import { createApiTokenSchema } from "@/lib/auth/api-token-schemas";

export const ROLL_WINDOWS = {
  now: 0,
  "1h": 3600_000,
  "24h": 24 * 3600_000,
  "7d": 7 * 24 * 3600_000,
} as const;

export type RollWindow = keyof typeof ROLL_WINDOWS;

export const createTokenFormSchema = z.object({
  // The API's rule for a token name, so the panel and POST /api/v1/api-tokens accept the same names.
  name: createApiTokenSchema.shape.name,
  expiresOn: z
    .string()
    .trim()
    .regex(/^(\d{4}-\d{2}-\d{2})?$/, "must be a date"),
});

export const rollTokenFormSchema = z.object({
  tokenId: z.string().min(1),
  window: z.enum(Object.keys(ROLL_WINDOWS) as [RollWindow, ...RollWindow[]]),
});
