// A database of a test's own — a fresh SQLite file, or a throw-away database on TEST_POSTGRES_URL's server — migrated
// as the app migrates, which no server or worker of the test run touches.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll } from "vitest";
import { overrideConfig } from "@/lib/config";
import { closeDb } from "@/lib/db/client";
import { listMigrations, migratePostgres, migrateSqlite } from "@/lib/db/migrate";
import { createDatabase, dropDatabase } from "./postgres";
import { getTestDatabase, getTestPostgresUrl, type TestDatabase } from "./test-env";

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

/**
 * For a test file whose lib/ calls (factories included) must all go to a database of its own: made before the file's
 * tests, for the run's provider, and dropped after them. Call at the top of the file, before anything uses getDb().
 */
export function runOnPrivateDatabase(label: string): void {
  let drop: () => Promise<void> = async () => {};
  beforeAll(async () => {
    const database = await createPrivateDatabase({ provider: getTestDatabase(), label });
    drop = database.drop;
    overrideConfig({ databaseUrl: database.url, databaseProvider: getTestDatabase() });
  }, 60_000);
  afterAll(async () => {
    await closeDb();
    await drop();
  });
}
