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

  it("GET /docs/api – renders the reference page from the same document", async () => {
    const response = await api("/docs/api");
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain("API reference");
    expect(html).toContain("/api/v1/services/{id}");
  });
});
