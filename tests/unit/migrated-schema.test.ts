// Every migration applied to an empty database gives exactly the tables and columns schema.prisma declares, on both
// providers. Why: SQLite alters a table by rebuilding it (create new, copy, drop old), and such a rebuild once silently
// dropped columns that another branch's migration had added; the app then failed only on the first query that used
// them. Names come from the generated client (each model's scalar fields), nullability from the schema's `?`.
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { listMigrations, migratePostgres, migrateSqlite } from "@/lib/db/migrate";
import { Prisma } from "@/lib/generated/sqlite/client";
import { createDatabase, dropDatabase } from "../support/postgres";

/** Table → column → whether it may hold NULL. */
type Tables = Record<string, Record<string, "null" | "not null">>;

/** The migrations' own bookkeeping, not part of the data model. */
const TRACKING_TABLE = "_portico_migrations";

function readOptionalFields(schema: string): Map<string, Set<string>> {
  const optional = new Map<string, Set<string>>();
  for (const block of schema.matchAll(/^model (\w+) \{\n([\s\S]*?)^\}/gm)) {
    const [, model = "", body = ""] = block;
    const fields = new Set<string>();
    for (const line of body.split("\n")) {
      const field = /^\s+(\w+)\s+\w+\?/.exec(line)?.[1];
      if (field) fields.add(field);
    }
    optional.set(model, fields);
  }
  return optional;
}

function declaredTables(): Tables {
  const schema = readFileSync("prisma/sqlite/schema.prisma", "utf8");
  // Model and field names are table and column names only while nothing is mapped; a @map would need reading here.
  expect(schema).not.toMatch(/@@?map\(/);
  const optional = readOptionalFields(schema);
  const scalarFields = Prisma as unknown as Record<string, Record<string, string> | undefined>;
  const tables: Tables = {};
  for (const model of Object.values(Prisma.ModelName)) {
    const fields = scalarFields[`${model}ScalarFieldEnum`];
    if (!fields) throw new Error(`the generated client has no scalar fields for ${model}`);
    tables[model] = Object.fromEntries(
      Object.values(fields).map((field) => [field, optional.get(model)?.has(field) ? "null" : "not null"]),
    );
  }
  return tables;
}

function collect(rows: { table: string; column: string; nullable: boolean }[]): Tables {
  const tables: Tables = {};
  for (const row of rows) {
    if (row.table === TRACKING_TABLE) continue;
    tables[row.table] ??= {};
    tables[row.table] = { ...tables[row.table], [row.column]: row.nullable ? "null" : "not null" };
  }
  return tables;
}

describe("migrations build the declared schema", () => {
  it("SQLite: every model's table with exactly its columns and their nullability", () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), "portico-migrated-")), "schema.db");
    migrateSqlite(`file:${file}`, listMigrations("sqlite"));
    const database = new Database(file, { readonly: true });
    try {
      const tables = database
        .prepare(`SELECT "name" FROM sqlite_master WHERE "type" = 'table' AND "name" NOT LIKE 'sqlite_%'`)
        .pluck()
        .all() as string[];
      const rows = tables.flatMap((table) =>
        (database.pragma(`table_info("${table}")`) as { name: string; notnull: number }[]).map((column) => ({
          table,
          column: column.name,
          nullable: column.notnull === 0,
        })),
      );
      expect(collect(rows)).toEqual(declaredTables());
    } finally {
      database.close();
    }
  });

  it.skipIf(!process.env.TEST_POSTGRES_URL)(
    "PostgreSQL: every model's table with exactly its columns and their nullability",
    async () => {
      const url = new URL(process.env.TEST_POSTGRES_URL ?? "");
      url.pathname = `/portico_migrated_${randomBytes(6).toString("hex")}`;
      await createDatabase(url.toString());
      const client = new pg.Client({ connectionString: url.toString() });
      try {
        await migratePostgres(url.toString(), listMigrations("postgresql"));
        await client.connect();
        const { rows } = await client.query<{ table: string; column: string; nullable: boolean }>(
          `SELECT table_name AS "table", column_name AS "column", is_nullable = 'YES' AS "nullable"
           FROM information_schema.columns WHERE table_schema = 'public'`,
        );
        expect(collect(rows)).toEqual(declaredTables());
      } finally {
        await client.end().catch(() => undefined);
        await dropDatabase(url.toString());
      }
    },
    60_000,
  );
});
