// GET /docs/api/scalar.js → the API reference renderer, from our own origin (see lib/docs/api-reference-bundle.ts).
import { readApiReferenceBundle } from "@/lib/docs/api-reference-bundle";
import { getRequestId, toErrorResponse } from "@/lib/errors";

export function GET(request: Request): Response {
  try {
    const bundle = readApiReferenceBundle();
    const versioned = new URL(request.url).searchParams.get("v") === bundle.version;
    return new Response(bundle.body, {
      headers: {
        "Content-Type": "text/javascript; charset=utf-8",
        "Cache-Control": versioned ? "public, max-age=31536000, immutable" : "public, max-age=300",
      },
    });
  } catch (error) {
    return toErrorResponse(error, { requestId: getRequestId(request.headers) });
  }
}
