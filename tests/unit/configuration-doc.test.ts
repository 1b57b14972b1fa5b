// docs/configuration.md is generated from lib/config.ts, so it cannot drift from what Portico reads.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CONFIG_VARIABLES, describeConfiguration } from "@/lib/config";
import { RETENTION_TABLES } from "@/lib/retention/tables";
import { CONFIGURATION_DOC_PATH, renderConfigurationDoc } from "../../scripts/lib/configuration-doc";

const root = path.resolve(import.meta.dirname, "../..");

describe("docs/configuration.md", () => {
  it("is what `npm run docs:config` generates from lib/config.ts", () => {
    const committed = readFileSync(path.join(root, CONFIGURATION_DOC_PATH), "utf8");
    expect(
      committed === renderConfigurationDoc(),
      `${CONFIGURATION_DOC_PATH} is stale: run \`npm run docs:config\``,
    ).toBe(true);
  });

  it("lists every variable with its default, values and meaning", () => {
    const rendered = renderConfigurationDoc();
    for (const entry of describeConfiguration()) {
      expect(rendered).toContain(`| \`${entry.name}\``);
      expect(entry.allowed.length, entry.name).toBeGreaterThan(2);
    }
  });

  it("documents the retention of every table the retention job prunes, each by a variable that exists", () => {
    const names = new Set(Object.keys(CONFIG_VARIABLES));
    for (const entry of RETENTION_TABLES)
      if (entry.variable) expect(names.has(entry.variable), entry.variable).toBe(true);
    const rendered = renderConfigurationDoc();
    for (const entry of RETENTION_TABLES) expect(rendered).toContain(entry.rows);
  });
});
