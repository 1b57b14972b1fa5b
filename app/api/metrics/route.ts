import { withErrors } from "@/lib/api/route";
import { renderMetrics } from "@/lib/ops/metrics";
import { authorizeMetricsScrape } from "@/lib/ops/metrics-access";

export const dynamic = "force-dynamic";

export const GET = withErrors(async (request) => {
  authorizeMetricsScrape(request.headers);
  const { contentType, body } = await renderMetrics();
  return new Response(body, { headers: { "content-type": contentType, "cache-control": "no-store" } });
});
