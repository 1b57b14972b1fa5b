import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
// @ts-expect-error plain ESM script without types
import { toPostgresSchema } from "../../scripts/sync-schemas.mjs";

const read = (file: string) => readFileSync(file, "utf8");

describe("Prisma schemas", () => {
  it("the PostgreSQL schema differs from the SQLite one only in provider and output", () => {
    expect(read("prisma/postgresql/schema.prisma")).toBe(toPostgresSchema(read("prisma/sqlite/schema.prisma")));
  });

  it("the sync leaves nothing but provider, url and output different", () => {
    const sqlite = read("prisma/sqlite/schema.prisma").split("\n");
    const postgres = read("prisma/postgresql/schema.prisma").split("\n");
    expect(postgres).toHaveLength(sqlite.length);
    const differing = sqlite
      .filter((line, index) => line !== postgres[index])
      .map((line) => line.trim().split(/\s+/)[0]);
    expect(differing.sort()).toEqual(["output", "provider", "url"]);
  });

  it("every schema change has a migration: the SQLite snapshot equals the schema", () => {
    // A schema-to-schema diff needs no database on SQLite (on PostgreSQL Prisma's js engine connects first).
    const output = execFileSync(
      "node_modules/.bin/prisma",
      [
        "migrate",
        "diff",
        "--from-schema-datamodel",
        "prisma/sqlite/migrations/schema.snapshot.prisma",
        "--to-schema-datamodel",
        "prisma/sqlite/schema.prisma",
        "--script",
      ],
      { env: { ...process.env, PORTICO_PRISMA_PROVIDER: "sqlite" }, encoding: "utf8" },
    );
    expect(output).toContain("This is an empty migration");
  }, 30_000);

  it("the PostgreSQL migrations were written from the same schema as the SQLite ones", () => {
    expect(read("prisma/postgresql/migrations/schema.snapshot.prisma")).toBe(
      toPostgresSchema(read("prisma/sqlite/migrations/schema.snapshot.prisma")),
    );
    const names = (provider: string) =>
      readdirSync(`prisma/${provider}/migrations`, { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => entry.name);
    expect(names("postgresql")).toEqual(names("sqlite"));
  });
});
