// Wire shapes of the API-token routes (`/api/v1/api-tokens`). The token itself appears once, in the create answer.
import { z } from "zod";

export const API_TOKEN_NAME_MAX = 80;

export const createApiTokenSchema = z
  .object({
    name: z
      .string()
      .trim()
      .min(1, "is required")
      .max(API_TOKEN_NAME_MAX, `must be at most ${API_TOKEN_NAME_MAX} characters`),
    expires_in_days: z
      .number()
      .int("must be a whole number of days")
      .min(1, "must be at least 1")
      .max(3650, "must be at most 3650")
      .optional()
      .meta({ description: "Days until the token stops working; absent = never expires." }),
  })
  .strict()
  .meta({ id: "CreateApiTokenRequest" });

export const listApiTokensQuerySchema = z.object({
  include_revoked: z
    .enum(["true", "false"], { message: "must be true or false" })
    .default("true")
    .meta({ description: "false hides revoked tokens." }),
});

export const apiTokenSchema = z
  .object({
    id: z.string().meta({ example: "tok_4Qd0tXc2m9VZyJ3kLb7a" }),
    name: z.string(),
    last_four: z.string(),
    created_at: z.string(),
    last_used_at: z.string().nullable(),
    expires_at: z.string().nullable(),
    revoked_at: z.string().nullable(),
  })
  .meta({ id: "ApiToken" });
export type ApiTokenOutput = z.infer<typeof apiTokenSchema>;

export const apiTokenListSchema = z.object({ data: z.array(apiTokenSchema) }).meta({ id: "ApiTokenList" });

export const createdApiTokenSchema = apiTokenSchema
  .extend({ token: z.string().meta({ description: "The bearer token. Shown only in this answer." }) })
  .meta({ id: "CreatedApiToken" });

export function toApiTokenOutput(row: {
  id: string;
  name: string;
  lastFour: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
}): ApiTokenOutput {
  return {
    id: row.id,
    name: row.name,
    last_four: row.lastFour,
    created_at: row.createdAt.toISOString(),
    last_used_at: row.lastUsedAt?.toISOString() ?? null,
    expires_at: row.expiresAt?.toISOString() ?? null,
    revoked_at: row.revokedAt?.toISOString() ?? null,
  };
}
