import { describe, expect, it } from "vitest";
import { generateApiToken, isWellFormedApiToken } from "@/lib/crypto/api-token";

describe("API token format", () => {
  it("has the ptk_ prefix, 30 random base62 chars and a 6-char checksum", () => {
    const token = generateApiToken();
    expect(token).toMatch(/^ptk_[0-9A-Za-z]{36}$/);
    expect(isWellFormedApiToken(token)).toBe(true);
  });

  it("rejects a token whose checksum does not match (one character changed)", () => {
    const token = generateApiToken();
    const position = 10;
    const changed = token.slice(0, position) + (token[position] === "a" ? "b" : "a") + token.slice(position + 1);
    expect(isWellFormedApiToken(changed)).toBe(false);
  });

  it("rejects other shapes", () => {
    expect(isWellFormedApiToken("")).toBe(false);
    expect(isWellFormedApiToken("ghp_abc")).toBe(false);
    expect(isWellFormedApiToken(`${generateApiToken()}x`)).toBe(false);
  });

  it("never repeats", () => {
    const tokens = new Set(Array.from({ length: 1000 }, generateApiToken));
    expect(tokens.size).toBe(1000);
  });
});
