// Writes a new migration for both providers from the change between each provider's schema snapshot
// (the schema as of the last migration) and its current schema. Needs no database and no engine binary.
// Usage: npm run db:new-migration -- <name>
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";

const name = (process.argv[2] ?? "").replace(/[^a-z0-9_]/gi, "_");
if (!name) {
  console.error("usage: npm run db:new-migration -- <name>");
  process.exit(2);
}
execFileSync("node", ["scripts/sync-schemas.mjs"], { stdio: "inherit" });
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
for (const provider of ["sqlite", "postgresql"]) {
  const dir = path.join("prisma", provider, "migrations");
  const snapshot = path.join(dir, "schema.snapshot.prisma");
  const schema = path.join("prisma", provider, "schema.prisma");
  const from = existsSync(snapshot) ? ["--from-schema-datamodel", snapshot] : ["--from-empty"];
  const sql = execFileSync(
    "node_modules/.bin/prisma",
    ["migrate", "diff", ...from, "--to-schema-datamodel", schema, "--script"],
    { env: { ...process.env, PORTICO_PRISMA_PROVIDER: provider }, encoding: "utf8" },
  );
  if (!/\S/.test(sql.replace(/^--.*$/gm, "")) || sql.includes("This is an empty migration")) {
    console.log(`${provider}: no change`);
    continue;
  }
  mkdirSync(path.join(dir, `${stamp}_${name}`), { recursive: true });
  writeFileSync(path.join(dir, `${stamp}_${name}`, "migration.sql"), sql);
  copyFileSync(schema, snapshot);
  console.log(`${provider}: wrote ${path.join(dir, `${stamp}_${name}`, "migration.sql")}`);
}
