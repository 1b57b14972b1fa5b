// Writes prisma/postgresql/schema.prisma from prisma/sqlite/schema.prisma: the two differ only in provider and output.
import { readFileSync, writeFileSync } from "node:fs";

export function toPostgresSchema(sqliteSchema) {
  return sqliteSchema
    .replace('output     = "../../lib/generated/sqlite"', 'output     = "../../lib/generated/postgresql"')
    .replace('provider = "sqlite"', 'provider = "postgresql"')
    .replace('url      = "file:placeholder.db"', 'url      = "postgresql://placeholder@localhost:5432/placeholder"');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const source = readFileSync("prisma/sqlite/schema.prisma", "utf8");
  writeFileSync("prisma/postgresql/schema.prisma", toPostgresSchema(source));
  console.log("wrote prisma/postgresql/schema.prisma");
}
