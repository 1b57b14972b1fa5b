import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { renderSdkTypes } from "@/scripts/lib/sdk-types";

// The SDK's types are generated from the OpenAPI document; a route or schema change without `npm run sdk:generate`
// would ship a client that no longer matches the server.
describe("the SDK's generated types", () => {
  it("match what the current OpenAPI document produces (run `npm run sdk:generate` after changing routes)", async () => {
    const rendered = await renderSdkTypes();
    for (const [file, content] of Object.entries(rendered)) {
      const committed = readFileSync(path.resolve(import.meta.dirname, "../..", file), "utf8");
      expect(committed, `${file} is stale: run npm run sdk:generate`).toBe(content);
    }
  }, 60_000);
});
