import { getOpenApiDocument } from "@/lib/api/openapi";

export function GET() {
  return Response.json(getOpenApiDocument());
}
