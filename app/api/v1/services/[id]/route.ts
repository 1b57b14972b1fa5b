import { readJson } from "@/lib/api/request";
import { withApiToken } from "@/lib/api/route";
import { updateServiceSchema } from "@/lib/services/schemas";
import { deleteService, getServiceOrThrow, toServiceOutput, updateService } from "@/lib/services/services";

type Params = { id: string };

export const GET = withApiToken<Params>(async ({ partner, params }) => {
  return Response.json(toServiceOutput(await getServiceOrThrow({ partnerId: partner.id, id: params.id })));
});

export const PATCH = withApiToken<Params>(async ({ request, partner, params }) => {
  const input = await readJson(request, updateServiceSchema);
  return Response.json(await updateService({ partnerId: partner.id, id: params.id, input }));
});

export const DELETE = withApiToken<Params>(async ({ partner, params }) => {
  await deleteService({ partnerId: partner.id, id: params.id });
  return new Response(null, { status: 204 });
});
