// Phone token contract: GET /api/v1/token/{phone_number} → a fresh JWT for the phone number, with a new UUID v4 XID.
import { withApiToken } from "@/lib/api/route";
import { jwtResponse, TOKEN_API_AUTH_CACHE_MS } from "@/lib/tokens/http";
import { issueToken } from "@/lib/tokens/issue";
import { issueTokenParamsSchema } from "@/lib/tokens/schemas";

export const GET = withApiToken<{ phone_number: string }>(
  async ({ partner, params }) => {
    const input = issueTokenParamsSchema.parse({ phone_number: params.phone_number });
    const { token } = await issueToken({ partner, input });
    return jwtResponse(token);
  },
  { authCacheTtlMs: TOKEN_API_AUTH_CACHE_MS },
);
