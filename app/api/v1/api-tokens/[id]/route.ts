import { withApiToken } from "@/lib/api/route";
import { revokeApiToken } from "@/lib/auth/api-tokens";

// From this answer on, every route refuses the token (401), the token making this call included.
export const DELETE = withApiToken<{ id: string }>(async ({ partner, params }) => {
  await revokeApiToken({ partnerId: partner.id, tokenId: params.id });
  return new Response(null, { status: 204 });
});
