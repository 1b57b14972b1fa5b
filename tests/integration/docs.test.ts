import { describe, expect, it } from "vitest";
import { api } from "../support/http";

describe("API documentation", () => {
  it("GET /api/openapi.json – serves the OpenAPI 3.1 document", async () => {
    const response = await api("/api/openapi.json");
    expect(response.status).toBe(200);
    const document = await response.json();
    expect(document.openapi).toBe("3.1.0");
    expect(document.paths["/api/v1/services"].post.requestBody).toBeDefined();
  });

  it("GET /docs/api – points the renderer, served from our own origin, at the same document", async () => {
    const response = await api("/docs/api");
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain("API reference");
    expect(html).toContain("/api/openapi.json");
    // The page names no other host for scripts: its policy would refuse one, and the reference must work offline.
    const policy = response.headers.get("content-security-policy") ?? "";
    expect(policy).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
    const bundleUrl = /"bundleUrl\\?":\\?"([^"\\]+)/.exec(html)?.[1];
    expect(bundleUrl).toMatch(/^\/docs\/api\/scalar\.js\?v=/);

    const bundle = await api(bundleUrl as string);
    expect(bundle.status).toBe(200);
    expect(bundle.headers.get("content-type")).toMatch(/^text\/javascript/);
    expect(bundle.headers.get("cache-control")).toContain("immutable");
    expect(await bundle.text()).toContain("createApiReference");
  });
});
