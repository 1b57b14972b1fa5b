import { describe, expect, it } from "vitest";
import { buildContentSecurityPolicy, securePageRequest } from "@/lib/http/page-security";

describe("page security (proxy.ts)", () => {
  it("the policy allows scripts only with the request's nonce, forbids framing, upgrades only over https", () => {
    const policy = buildContentSecurityPolicy({ nonce: "abc", https: false, development: false });
    expect(policy).toContain("script-src 'self' 'nonce-abc' 'strict-dynamic'");
    expect(policy).not.toContain("unsafe-inline' 'strict");
    expect(policy).not.toMatch(/script-src[^;]*unsafe-(inline|eval)/);
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).not.toContain("upgrade-insecure-requests");
    expect(buildContentSecurityPolicy({ nonce: "abc", https: true, development: false })).toContain(
      "upgrade-insecure-requests",
    );
  });

  it("a server-action post from another origin is a 403 JSON error", async () => {
    const request = new Request("http://portico.test/dashboard", {
      method: "POST",
      headers: { host: "portico.test", origin: "https://evil.example", "next-action": "abc" },
    });
    const response = securePageRequest(request);
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ error: "forbidden" });
  });

  it("HSTS only over https", () => {
    const plain = securePageRequest(new Request("http://portico.test/", { headers: { host: "portico.test" } }));
    expect(plain.headers.get("strict-transport-security")).toBeNull();
    const secure = securePageRequest(
      new Request("http://portico.test/", { headers: { host: "portico.test", "x-forwarded-proto": "https" } }),
    );
    expect(secure.headers.get("strict-transport-security")).toMatch(/max-age=\d+/);
  });
});
