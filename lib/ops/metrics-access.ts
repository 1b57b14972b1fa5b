// Who may read /api/metrics: only a scraper holding PORTICO_METRICS_TOKEN. Without the variable the route does not
// exist (404), so a default install exposes nothing.

import { getBearerToken } from "@/lib/api/request";
import { getConfig } from "@/lib/config";
import { safeEqual } from "@/lib/crypto/hash";
import { AppError } from "@/lib/errors";

export function authorizeMetricsScrape(headers: Headers, expected = getConfig().metricsToken): void {
  if (!expected) throw new AppError("not_found", "Metrics are off: set PORTICO_METRICS_TOKEN to turn them on.");
  const given = getBearerToken(headers);
  if (!given || !safeEqual(given, expected)) {
    throw new AppError("unauthorized", "Send the metrics token as Authorization: Bearer <PORTICO_METRICS_TOKEN>.", {
      headers: { "WWW-Authenticate": 'Bearer realm="portico-metrics"' },
    });
  }
}
