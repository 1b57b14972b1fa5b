import { readJson } from "@/lib/api/request";
import { withApiToken } from "@/lib/api/route";
import { deleteEndpoint, getEndpointOrThrow, toEndpointOutput, updateEndpoint } from "@/lib/webhooks/endpoints";
import { updateEndpointSchema } from "@/lib/webhooks/schemas";

type Params = { id: string };

export const GET = withApiToken<Params>(async ({ partner, params }) => {
  return Response.json(toEndpointOutput(await getEndpointOrThrow({ partnerId: partner.id, id: params.id })));
});

export const PATCH = withApiToken<Params>(async ({ request, partner, params }) => {
  const input = await readJson(request, updateEndpointSchema);
  return Response.json(await updateEndpoint({ partnerId: partner.id, id: params.id, input }));
});

export const DELETE = withApiToken<Params>(async ({ partner, params }) => {
  await deleteEndpoint({ partnerId: partner.id, id: params.id });
  return new Response(null, { status: 204 });
});
