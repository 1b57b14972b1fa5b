// POST /api/v1/token/verify {token} → {valid, xid, phone_number} (+ reason | already_verified).
import { readJson } from "@/lib/api/request";
import { withApiToken } from "@/lib/api/route";
import { TOKEN_API_AUTH_CACHE_MS } from "@/lib/tokens/http";
import { verifyTokenSchema } from "@/lib/tokens/schemas";
import { verifyToken } from "@/lib/tokens/verify";

export const POST = withApiToken(
  async ({ request, partner }) => {
    const { token } = await readJson(request, verifyTokenSchema);
    return Response.json(await verifyToken({ partnerId: partner.id, token }));
  },
  { authCacheTtlMs: TOKEN_API_AUTH_CACHE_MS },
);
