import { describe, expect, it } from "vitest";
import { renderUnavailablePage } from "@/components/login/unavailable-page";
import { buildLaunchUrl } from "@/lib/login/launch";
import { servicesTokenSchema } from "@/lib/login/schemas";
import { generateLoginToken, hashLoginToken } from "@/lib/login/tokens";
import { itemAt } from "../support/lists";

describe("one-time login tokens and launch URLs", () => {
  it("tokens carry 256 random bits as 43 base64url characters; only a SHA-256 hex is stored", () => {
    const tokens = new Set(Array.from({ length: 1000 }, generateLoginToken));
    expect(tokens.size).toBe(1000);
    for (const token of tokens) expect(servicesTokenSchema.safeParse(token).success).toBe(true);
    const token = itemAt([...tokens], 0, "token");
    expect(hashLoginToken(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashLoginToken(token)).not.toContain(token);
  });

  it("the launch URL is the versioned URL with services= last, other parameters kept", () => {
    expect(buildLaunchUrl({ url: "https://app.example/x?lang=en", version: "abc" }, "T0k")).toBe(
      "https://app.example/x?lang=en&v=abc&services=T0k",
    );
    expect(buildLaunchUrl({ url: "https://app.example", version: null }, "T0k")).toBe(
      "https://app.example/?services=T0k",
    );
    // A stale services= in the registered URL is replaced, never duplicated.
    expect(buildLaunchUrl({ url: "https://app.example/?services=old", version: "2" }, "new")).toBe(
      "https://app.example/?services=new&v=2",
    );
  });

  it("the no-access page escapes the service name", () => {
    const html = renderUnavailablePage({ serviceName: `<script>alert("x")</script>` });
    expect(html).not.toContain("<script>alert");
    expect(html).toContain("&#60;script&#62;");
    expect(renderUnavailablePage({ serviceName: null })).toContain("this app");
  });
});
