// Operators observe Portico through /api/metrics (Prometheus text) and one JSON log line per API request.
import { afterAll, describe, expect, inject, it } from "vitest";
import { createPartner } from "../support/factories";
import { api } from "../support/http";
import { type RunningServer, startPortico } from "../support/server";
import { createTestEnv, TEST_METRICS_TOKEN } from "../support/test-env";

const scrape = (token?: string) =>
  fetch(`${inject("baseUrl")}/api/metrics`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

function sampleValue(exposition: string, series: string): number {
  const line = exposition.split("\n").find((candidate) => candidate.startsWith(series));
  return line ? Number(line.slice(line.lastIndexOf(" ") + 1)) : 0;
}

describe("GET /api/metrics", () => {
  it("answers 401 without the metrics token or with a wrong one", async () => {
    for (const response of [await scrape(), await scrape("not-the-token")]) {
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ error: "unauthorized" });
    }
  });

  it("counts API requests by route pattern and status, and JWT issuance", async () => {
    const partner = await createPartner();
    const series = 'portico_http_requests_total{method="GET",route="/api/v1/token/[phone_number]",status="200"}';
    const before = await (await scrape(TEST_METRICS_TOKEN)).text();
    for (let i = 0; i < 3; i++) {
      const response = await api("/api/v1/token/+33612345678", { token: partner.apiToken });
      expect(response.status).toBe(200);
    }
    const response = await scrape(TEST_METRICS_TOKEN);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/plain");
    const after = await response.text();
    expect(sampleValue(after, series) - sampleValue(before, series)).toBe(3);
    expect(sampleValue(after, "portico_jwt_issued_total") - sampleValue(before, "portico_jwt_issued_total")).toBe(3);
    // The phone number is a path segment: it must never become a label value.
    expect(after).not.toContain("+33612345678");
    for (const name of [
      "portico_http_request_duration_seconds_bucket",
      "portico_checks_total",
      "portico_check_lag_seconds_bucket",
      "portico_webhook_deliveries_total",
      "portico_webhook_queue_depth",
      "portico_login_redemptions_total",
      "portico_nodejs_eventloop_lag_p99_seconds",
      "portico_process_resident_memory_bytes",
    ]) {
      expect(after, name).toContain(name);
    }
  });

  it("echoes the caller's x-request-id, or gives a fresh one", async () => {
    const given = await api("/api/v1/services", { headers: { "x-request-id": "req-abc.123" } });
    expect(given.status).toBe(401);
    expect(given.headers.get("x-request-id")).toBe("req-abc.123");
    const fresh = await api("/api/v1/services", { headers: { "x-request-id": "bad id\twith spaces" } });
    expect(fresh.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe("a server without PORTICO_METRICS_TOKEN", () => {
  let server: RunningServer | undefined;
  afterAll(async () => {
    await server?.stop();
  });

  it("has no metrics route (404) and logs one JSON line per request, with its request id", async () => {
    server = await startPortico({
      env: {
        ...createTestEnv(),
        PORTICO_METRICS_TOKEN: "",
        PORTICO_DISABLE_SCHEDULER: "1",
        PORTICO_DISABLE_WORKERS: "1",
      },
    });
    const metrics = await fetch(`${server.baseUrl}/api/metrics`, { headers: { authorization: "Bearer anything" } });
    expect(metrics.status).toBe(404);
    expect(await metrics.json()).toMatchObject({ error: "not_found" });

    const response = await fetch(`${server.baseUrl}/api/v1/services`, { headers: { "x-request-id": "find-me-42" } });
    expect(response.status).toBe(401);
    const line = await waitForLogLine(server, "find-me-42");
    expect(line).toMatchObject({
      level: "info",
      request_id: "find-me-42",
      method: "GET",
      route: "/api/v1/services",
      status: 401,
    });
    expect(typeof line.duration_ms).toBe("number");
    expect(typeof line.time).toBe("string");
  });
});

async function waitForLogLine(server: RunningServer, requestId: string): Promise<Record<string, unknown>> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    for (const text of server.output().split("\n")) {
      if (!text.startsWith("{") || !text.includes(requestId)) continue;
      return JSON.parse(text) as Record<string, unknown>;
    }
    if (Date.now() > deadline) throw new Error(`no log line with ${requestId}:\n${server.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
