import { describe, expect, it } from "vitest";
import { getOpenApiDocument } from "@/lib/api/openapi";

describe("OpenAPI document", () => {
  const document = getOpenApiDocument();

  it("is OpenAPI 3.1 with the contract's service routes", () => {
    expect(document.openapi).toBe("3.1.0");
    expect(Object.keys(document.paths ?? {})).toEqual(expect.arrayContaining(["/api/v1/services", "/api/v1/services/{id}"]));
  });

  it("describes the request body from the same zod schema the handler parses with", () => {
    const schemas = document.components?.schemas ?? {};
    const request = schemas.CreateServiceRequest as { required?: string[]; properties?: Record<string, unknown> };
    expect(request.required).toEqual(expect.arrayContaining(["name", "url"]));
    expect(Object.keys(request.properties ?? {})).toEqual(["name", "url", "check_interval_seconds"]);
    expect(schemas.CreatedService).toBeDefined();
    expect(JSON.stringify(schemas.Service)).not.toContain("service_secret");
  });
});
