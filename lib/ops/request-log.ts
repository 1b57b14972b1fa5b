// What every API request leaves behind: a request id echoed as `x-request-id`, one structured log line and the
// portico_http_* metrics. Routes are labelled by pattern (/api/v1/services/[id]), never by concrete path: paths may
// carry secrets (one-time tokens, phone numbers) and unbounded label values would grow the metrics without end.
import { getRequestId } from "@/lib/errors";
import { getLogger } from "./logger";
import { getMetrics } from "./metrics";

type Params = Record<string, string | string[] | undefined>;

/** `/api/v1/services/svc_1/checks` with params {id: "svc_1"} → `/api/v1/services/[id]/checks`. */
export function toRoutePattern(pathname: string, params: Params | undefined): string {
  const names = new Map<string, string>();
  // Routes without dynamic segments get no params at all.
  for (const [name, value] of Object.entries(params ?? {})) {
    for (const part of Array.isArray(value) ? value : value === undefined ? [] : [value]) names.set(part, name);
  }
  return pathname
    .split("/")
    .map((segment) => {
      let decoded = segment;
      try {
        decoded = decodeURIComponent(segment);
      } catch {
        // left as it came
      }
      const name = names.get(decoded);
      return name ? `[${name}]` : segment;
    })
    .join("/");
}

type RouteContext = { params: Promise<Params> };

/**
 * Wraps a route handler so that every request is observed (id, log line, metrics). The handler gets the request id,
 * to quote when it logs an unexpected error.
 */
export function withRequestObservation<P extends Params>(
  handler: (request: Request, params: P, requestId: string) => Promise<Response>,
) {
  return async (request: Request, context: RouteContext): Promise<Response> => {
    const startedAt = performance.now();
    const requestId = getRequestId(request.headers);
    const params = (await context.params) as P;
    const response = await handler(request, params, requestId);
    return observeRequest({ request, params, requestId, startedAt, response });
  };
}

/** Records the finished request and returns the response carrying `x-request-id`. */
function observeRequest(options: {
  request: Request;
  params: Params;
  requestId: string;
  startedAt: number;
  response: Response;
}): Response {
  const { request, requestId, response } = options;
  const route = toRoutePattern(new URL(request.url).pathname, options.params);
  const seconds = (performance.now() - options.startedAt) / 1000;
  const labels = { method: request.method, route, status: String(response.status) };
  const metrics = getMetrics();
  metrics.httpRequests.inc(labels);
  metrics.httpDuration.observe(labels, seconds);
  const line = { request_id: requestId, ...labels, status: response.status, duration_ms: Math.round(seconds * 1000) };
  if (response.status >= 500) getLogger().error(line, "request failed");
  else getLogger().info(line, "request");
  try {
    response.headers.set("x-request-id", requestId);
    return response;
  } catch {
    // Immutable headers (Response.redirect): copy into a response whose headers may change.
    const copy = new Response(response.body, response);
    copy.headers.set("x-request-id", requestId);
    return copy;
  }
}
