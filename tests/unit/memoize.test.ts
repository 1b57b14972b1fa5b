import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { memoize } from "@/lib/cache/memoize";
import { normalisePhoneNumber } from "@/lib/tokens/schemas";

describe("memoize", () => {
  it("computes each input once while it is remembered, null results included", () => {
    const seen: string[] = [];
    const lengthOf = memoize(
      (input) => {
        seen.push(input);
        return input.length > 1 ? input.length : null;
      },
      { maxEntries: 3 },
    );
    expect([lengthOf("ab"), lengthOf("a"), lengthOf("ab"), lengthOf("a")]).toEqual([2, null, 2, null]);
    expect(seen).toEqual(["ab", "a"]);
  });

  it("forgets the oldest input first once it holds maxEntries", () => {
    const seen: string[] = [];
    const echo = memoize(
      (input) => {
        seen.push(input);
        return input;
      },
      { maxEntries: 2 },
    );
    for (const input of ["a", "b", "c", "b", "a"]) echo(input);
    // "c" pushed out "a"; "b" was still remembered; "a" had to be computed again.
    expect(seen).toEqual(["a", "b", "c", "a"]);
  });

  it("gives the remembered phone number normalisation the same answers as the first call", () => {
    for (let round = 0; round < 2; round++) {
      expect(normalisePhoneNumber("+1 (415) 555-2671")).toBe("+14155552671");
      expect(normalisePhoneNumber("14155552671")).toBe("+14155552671");
      expect(normalisePhoneNumber("+1415555")).toBeNull();
    }
  });
});

describe("the phone number library", () => {
  it("carries Portico's patch that compiles each metadata pattern once (patches/, applied on install)", () => {
    for (const build of ["es6", "build"]) {
      const source = readFileSync(`node_modules/libphonenumber-js/${build}/helpers/matchesEntirely.js`, "utf8");
      expect(source).toContain("compiledExpressions.get(regularExpressionText)");
    }
  });
});
