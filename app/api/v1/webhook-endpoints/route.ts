import { readJson } from "@/lib/api/request";
import { withApiToken } from "@/lib/api/route";
import { createEndpoint, listEndpoints } from "@/lib/webhooks/endpoints";
import { createEndpointSchema } from "@/lib/webhooks/schemas";

export const POST = withApiToken(async ({ request, partner }) => {
  const input = await readJson(request, createEndpointSchema);
  const endpoint = await createEndpoint({ partnerId: partner.id, input });
  return Response.json(endpoint, { status: 201, headers: { Location: `/api/v1/webhook-endpoints/${endpoint.id}` } });
});

export const GET = withApiToken(async ({ partner }) => {
  return Response.json({ data: await listEndpoints({ partnerId: partner.id }) });
});
