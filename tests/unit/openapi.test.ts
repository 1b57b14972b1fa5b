import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { getOpenApiDocument } from "@/lib/api/openapi";

const APP_DIR = path.resolve(import.meta.dirname, "../../app");
/** Public route handlers that external programs call: each must be in the document. */
const DOCUMENTED_ROOTS = ["api/v1", "api/authorization", "api/invitations", "authorize"];
const HTTP_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
const EXPORTED_METHOD = new RegExp(
  `export\\s+(?:const|async\\s+function|function)\\s+(${HTTP_METHODS.join("|")})\\b`,
  "g",
);

function findRouteFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name.startsWith("_") ? [] : findRouteFiles(full); // _private: not routed
    return entry.name === "route.ts" ? [full] : [];
  });
}

/** app/api/v1/(group)/services/[id]/route.ts → /api/v1/services/{id} */
function toOpenApiPath(routeFile: string): string {
  const segments = path
    .relative(APP_DIR, path.dirname(routeFile))
    .split(path.sep)
    .filter((segment) => segment !== "" && !/^\(.*\)$/.test(segment))
    .map((segment) => segment.replace(/^\[{1,2}(?:\.\.\.)?([^\]]+)\]{1,2}$/, "{$1}"));
  return `/${segments.join("/")}`;
}

function exportedMethods(routeFile: string): string[] {
  return [...readFileSync(routeFile, "utf8").matchAll(EXPORTED_METHOD)].flatMap(([, method]) =>
    method ? [method] : [],
  );
}

/** Every [method, path] the public route files export, e.g. ["GET", "/api/v1/services/{id}"]. */
function publicOperations(): [string, string][] {
  return findRouteFiles(APP_DIR)
    .map((file) => ({ file, openApiPath: toOpenApiPath(file) }))
    .filter(({ openApiPath }) =>
      DOCUMENTED_ROOTS.some((root) => openApiPath === `/${root}` || openApiPath.startsWith(`/${root}/`)),
    )
    .flatMap(({ file, openApiPath }) => exportedMethods(file).map((method): [string, string] => [method, openApiPath]));
}

describe("OpenAPI document", () => {
  const document = getOpenApiDocument();
  const paths = (document.paths ?? {}) as Record<string, Record<string, unknown>>;

  it("is OpenAPI 3.1 with the contract's service routes", () => {
    expect(document.openapi).toBe("3.1.0");
    expect(Object.keys(document.paths ?? {})).toEqual(
      expect.arrayContaining(["/api/v1/services", "/api/v1/services/{id}"]),
    );
  });

  it("describes the request body from the same zod schema the handler parses with", () => {
    const schemas = document.components?.schemas ?? {};
    const request = schemas.CreateServiceRequest as { required?: string[]; properties?: Record<string, unknown> };
    expect(request.required).toEqual(expect.arrayContaining(["name", "url"]));
    expect(Object.keys(request.properties ?? {})).toEqual(["name", "url", "check_interval_seconds"]);
    expect(schemas.CreatedService).toBeDefined();
    expect(JSON.stringify(schemas.Service)).not.toContain("service_secret");
  });

  it("converts route folders to OpenAPI paths", () => {
    const file = (...segments: string[]) => path.join(APP_DIR, ...segments, "route.ts");
    expect(toOpenApiPath(file("api", "v1", "services", "[id]", "checks"))).toBe("/api/v1/services/{id}/checks");
    expect(toOpenApiPath(file("(panel)", "dashboard", "transactions", "export"))).toBe(
      "/dashboard/transactions/export",
    );
    expect(toOpenApiPath(file("api", "v1", "(beta)", "token", "[phone_number]", "[xid]"))).toBe(
      "/api/v1/token/{phone_number}/{xid}",
    );
    expect(toOpenApiPath(file("api", "docs", "[...slug]"))).toBe("/api/docs/{slug}");
  });

  it("documents every method of every public route handler", () => {
    const operations = publicOperations();
    // Guards against a walk that silently finds nothing (moved app/ folder, changed export style).
    expect(operations.length).toBeGreaterThanOrEqual(20);
    expect(operations).toContainEqual(["GET", "/authorize"]);
    expect(operations).toContainEqual(["GET", "/api/authorization/{services_token}"]);
    const undocumented = operations
      .filter(([method, openApiPath]) => !paths[openApiPath]?.[method.toLowerCase()])
      .map(([method, openApiPath]) => `${method} ${openApiPath}`);
    expect(undocumented, "route handlers without an operation in a lib/<resource>/openapi.ts").toEqual([]);
  });

  it("documents no operation under the public roots that has no route handler", () => {
    const served = new Set(publicOperations().map(([method, openApiPath]) => `${method} ${openApiPath}`));
    const stale = Object.entries(paths)
      .filter(([openApiPath]) =>
        DOCUMENTED_ROOTS.some((root) => openApiPath === `/${root}` || openApiPath.startsWith(`/${root}/`)),
      )
      .flatMap(([openApiPath, item]) =>
        Object.keys(item)
          .filter((key) => (HTTP_METHODS as readonly string[]).includes(key.toUpperCase()))
          .map((method) => `${method.toUpperCase()} ${openApiPath}`),
      )
      .filter((operation) => !served.has(operation));
    expect(stale, "operations in the OpenAPI document without a route handler").toEqual([]);
  });

  it("documents the contracts' wire formats: text/plain JWT, redemption failures, unauthenticated /authorize", () => {
    type Operation = { security?: unknown[]; responses: Record<string, { content?: object }> };
    const operation = (openApiPath: string): Operation => {
      const found = paths[openApiPath]?.get;
      expect(found, `GET ${openApiPath}`).toBeDefined();
      return found as Operation;
    };
    expect(Object.keys(operation("/api/v1/token/{phone_number}/{xid}").responses["200"]?.content ?? {})).toEqual([
      "text/plain",
    ]);
    const redeem = operation("/api/authorization/{services_token}");
    expect(Object.keys(redeem.responses)).toEqual(expect.arrayContaining(["200", "401", "403", "404", "410"]));
    expect(JSON.stringify(redeem.responses["410"])).toContain("#/components/schemas/LoginRedemptionFailure");
    const failure = document.components?.schemas?.LoginRedemptionFailure as { required?: string[] };
    expect(failure.required).toEqual(expect.arrayContaining(["success", "message"]));
    expect(operation("/authorize").security).toEqual([]);
    const answer = document.components?.schemas?.AuthorizeAnswer as { required?: string[] };
    expect(answer.required).toEqual(["timestamp", "service_signature", "version"]);
  });

  it("uses each path parameter it declares in the path template", () => {
    for (const [openApiPath, item] of Object.entries(paths)) {
      const templated = [...openApiPath.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]).sort();
      for (const operation of Object.values(item) as { parameters?: { in: string; name: string }[] }[]) {
        const declared = (operation.parameters ?? [])
          .filter((p) => p.in === "path")
          .map((p) => p.name)
          .sort();
        expect(declared, openApiPath).toEqual(templated);
      }
    }
  });
});
