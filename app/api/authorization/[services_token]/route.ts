// GET /api/authorization/{services_token} (one-time login contract): the owning partner redeems a one-time login token.
import { AppError } from "@/lib/errors";
import { REDEMPTION_AUTH_CACHE_MS, withRedemptionAuth } from "@/lib/login/http";
import { redeemLoginToken } from "@/lib/login/redeem";
import { servicesTokenSchema } from "@/lib/login/schemas";

export const dynamic = "force-dynamic";

export const GET = withRedemptionAuth<{ services_token: string }>(
  async ({ partner, params }) => {
    const token = servicesTokenSchema.safeParse(params.services_token);
    // A malformed token cannot exist: answer as for an unknown one.
    if (!token.success) throw new AppError("not_found", "Unknown one-time login token.");
    const redemption = await redeemLoginToken({ token: token.data, partner });
    return Response.json(redemption, { headers: { "cache-control": "no-store" } });
  },
  { authCacheTtlMs: REDEMPTION_AUTH_CACHE_MS },
);
