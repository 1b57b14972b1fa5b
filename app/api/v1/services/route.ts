import { readJson } from "@/lib/api/request";
import { withApiToken } from "@/lib/api/route";
import { createServiceSchema } from "@/lib/services/schemas";
import { createService, listServices } from "@/lib/services/services";

export const POST = withApiToken(async ({ request, partner }) => {
  const input = await readJson(request, createServiceSchema);
  const service = await createService({ partnerId: partner.id, input });
  return Response.json(service, { status: 201, headers: { Location: `/api/v1/services/${service.id}` } });
});

export const GET = withApiToken(async ({ partner }) => {
  return Response.json({ data: await listServices({ partnerId: partner.id }) });
});
