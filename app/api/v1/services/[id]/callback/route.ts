import { readJson } from "@/lib/api/request";
import { withApiToken } from "@/lib/api/route";
import { getCallbackConfig, saveCallbackConfig } from "@/lib/callbacks/callback-config";
import { putCallbackConfigSchema } from "@/lib/callbacks/schemas";

const noStore = { "Cache-Control": "no-store" };

// GET shows the development token (owner only); the password is never returned by any route.
export const GET = withApiToken<{ id: string }>(async ({ partner, params }) => {
  return Response.json(await getCallbackConfig({ partnerId: partner.id, id: params.id }), { headers: noStore });
});

export const PUT = withApiToken<{ id: string }>(async ({ request, partner, params }) => {
  const input = await readJson(request, putCallbackConfigSchema);
  return Response.json(await saveCallbackConfig({ partnerId: partner.id, id: params.id, input }), { headers: noStore });
});
