import { readJson } from "@/lib/api/request";
import { withApiToken } from "@/lib/api/route";
import { createApiTokenSchema, listApiTokensQuerySchema, toApiTokenOutput } from "@/lib/auth/api-token-schemas";
import { createApiToken, listApiTokens } from "@/lib/auth/api-tokens";

const DAY_MS = 86_400_000;

export const GET = withApiToken(async ({ request, partner }) => {
  const query = listApiTokensQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const rows = await listApiTokens({ partnerId: partner.id, includeRevoked: query.include_revoked === "true" });
  return Response.json({ data: rows.map(toApiTokenOutput) });
});

export const POST = withApiToken(async ({ request, partner }) => {
  const input = await readJson(request, createApiTokenSchema);
  const created = await createApiToken({
    partnerId: partner.id,
    name: input.name,
    expiresAt: input.expires_in_days ? new Date(Date.now() + input.expires_in_days * DAY_MS) : null,
    announce: true,
  });
  return Response.json({ ...toApiTokenOutput(created), token: created.token }, { status: 201 });
});
