// Callback verification contract: devices (through the SDK) ask whether their access token is good for a service. No Portico API token:
// the device's own `Authorization: <token_type> <access_token>` is what gets certified.
import { getClientIp, readJson } from "@/lib/api/request";
import { withErrors } from "@/lib/api/route";
import { parseAuthorizationHeader } from "@/lib/callbacks/authorization";
import { certifyAccessToken, limitCertifyByIp } from "@/lib/callbacks/certify";
import { CERTIFY_MAX_BODY_BYTES, certifyRequestSchema } from "@/lib/callbacks/schemas";

export const POST = withErrors(async (request) => {
  await limitCertifyByIp(getClientIp(request.headers));
  const credentials = parseAuthorizationHeader(request.headers.get("authorization"));
  const input = await readJson(request, certifyRequestSchema, { maxBytes: CERTIFY_MAX_BODY_BYTES });
  const result = await certifyAccessToken({
    publicServiceId: input.service_id,
    userIdentifier: input.user_identifier,
    credentials,
  });
  return Response.json(result, { headers: { "Cache-Control": "no-store" } });
});
