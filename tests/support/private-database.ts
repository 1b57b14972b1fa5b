// A database of a test's own — a fresh SQLite file, or a throw-away database on TEST_POSTGRES_URL's server — migrated
// as the app migrates, which no server or worker of the test run touches.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { listMigrations, migratePostgres, migrateSqlite } from "@/lib/db/migrate";
import { createDatabase, dropDatabase } from "./postgres";
import { getTestPostgresUrl, type TestDatabase } from "./test-env";

export async function createPrivateDatabase(options: {
  provider: TestDatabase;
  label: string;
}): Promise<{ url: string; drop: () => Promise<void> }> {
  if (options.provider === "sqlite") {
    const folder = mkdtempSync(path.join(tmpdir(), `portico-${options.label}-`));
    const url = `file:${path.join(folder, `${options.label}.db`)}`;
    migrateSqlite(url, listMigrations("sqlite"));
    return { url, drop: async () => rmSync(folder, { recursive: true, force: true }) };
  }
  const url = new URL(getTestPostgresUrl());
  url.pathname = `/portico_${options.label}_${randomBytes(6).toString("hex")}`;
  await createDatabase(url.toString());
  await migratePostgres(url.toString(), listMigrations("postgresql"));
  return { url: url.toString(), drop: () => dropDatabase(url.toString()) };
}
