// Phone token contract Get Status: GET /api/v1/transactions/{xid} → the caller's own transaction, else 404.
import { withApiToken } from "@/lib/api/route";
import { TOKEN_API_AUTH_CACHE_MS } from "@/lib/tokens/http";
import { transactionParamsSchema } from "@/lib/tokens/schemas";
import { getTransaction } from "@/lib/tokens/transactions";

export const GET = withApiToken<{ xid: string }>(
  async ({ partner, params }) => {
    const { xid } = transactionParamsSchema.parse(params);
    return Response.json(await getTransaction({ partnerId: partner.id, xid }));
  },
  { authCacheTtlMs: TOKEN_API_AUTH_CACHE_MS },
);
