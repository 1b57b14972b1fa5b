// The repository explains itself: every link in the README and docs/ resolves to a file inside the repository.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");
const documents = ["README.md", ...readdirSync(path.join(root, "docs")).map((file) => `docs/${file}`)].filter((file) =>
  file.endsWith(".md"),
);

function linksOf(markdown: string): string[] {
  const withoutCode = markdown.replace(/```[\s\S]*?```/g, "");
  return [...withoutCode.matchAll(/\]\(([^)\s]+)\)/g)].map((match) => match[1] as string);
}

describe("documentation links", () => {
  it.each(documents)("%s links only to files inside the repository", (document) => {
    const links = linksOf(readFileSync(path.join(root, document), "utf8"));
    for (const link of links) {
      expect(link, `${document} links outside the repository`).not.toMatch(/^[a-z]+:/i);
      const target = path.resolve(path.dirname(path.join(root, document)), link.split("#")[0] as string);
      expect(target.startsWith(root + path.sep) || target === root, `${document}: ${link} leaves the repository`).toBe(
        true,
      );
      expect(existsSync(target), `${document}: ${link} does not exist`).toBe(true);
    }
  });

  it("docs/cli.md documents every command of scripts/cli.ts", () => {
    const cli = readFileSync(path.join(root, "scripts/cli.ts"), "utf8");
    const commands = [...cli.matchAll(/^ {2}"([a-z]+:[a-z-]+)": \{/gm)].map((match) => match[1] as string);
    expect(commands.length).toBeGreaterThan(3);
    const docs = readFileSync(path.join(root, "docs/cli.md"), "utf8");
    for (const command of commands) expect(docs, `docs/cli.md lacks ${command}`).toContain(`### \`${command}\``);
  });
});
