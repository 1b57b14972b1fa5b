// Applies the pending SQL migrations of the active provider (prisma/<provider>/migrations/*/migration.sql).
// Prisma's own `migrate deploy` needs engine binaries or a patched adapter on these machines, so Portico applies
// the SQL that `prisma migrate diff` wrote itself: each migration once, in order, in a transaction, under a lock
// so that several instances starting together on PostgreSQL do not race.
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { type DatabaseProvider, getConfig } from "@/lib/config";

interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

const LOCK_ID = 7_402_119_301; // pg_advisory_lock key, fixed for Portico

export function listMigrations(provider: DatabaseProvider, root = process.cwd()): Migration[] {
  const dir = path.join(/*turbopackIgnore: true*/ root, "prisma", provider, "migrations");
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(path.join(dir, entry.name, "migration.sql")))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

const TRACKING_TABLE = `CREATE TABLE IF NOT EXISTS "_portico_migrations" (
  "name" TEXT PRIMARY KEY, "checksum" TEXT NOT NULL, "applied_at" TEXT NOT NULL)`;

export function migrateSqlite(url: string, migrations: Migration[]): string[] {
  const file = url.replace(/^file:/, "");
  const database = new Database(file, { timeout: 15_000 });
  try {
    database.pragma("journal_mode = WAL");
    // Prisma rebuilds SQLite tables to alter them (create new, copy, drop old). With foreign keys on, dropping the
    // old parent table would cascade-delete its children, and the PRAGMA inside the script is ignored within a
    // transaction: so keys are off while migrating, and checked before each commit instead.
    database.pragma("foreign_keys = OFF");
    database.exec(TRACKING_TABLE);
    const applied: string[] = [];
    for (const migration of migrations) {
      // BEGIN IMMEDIATE takes the write lock before reading, so two processes cannot both apply one migration.
      const run = database.transaction(() => {
        const done = database.prepare(`SELECT 1 FROM "_portico_migrations" WHERE "name" = ?`).get(migration.name);
        if (done) return false;
        database.exec(migration.sql);
        const violations = database.pragma("foreign_key_check") as unknown[];
        if (violations.length) throw new Error(`migration ${migration.name} breaks ${violations.length} foreign keys`);
        database
          .prepare(`INSERT INTO "_portico_migrations" ("name", "checksum", "applied_at") VALUES (?, ?, ?)`)
          .run(migration.name, migration.checksum, new Date().toISOString());
        return true;
      });
      if (run.immediate()) applied.push(migration.name);
    }
    return applied;
  } finally {
    database.pragma("foreign_keys = ON");
    database.close();
  }
}

export async function migratePostgres(url: string, migrations: Migration[]): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [LOCK_ID]);
    await client.query(TRACKING_TABLE);
    const { rows } = await client.query<{ name: string }>(`SELECT "name" FROM "_portico_migrations"`);
    const done = new Set(rows.map((row) => row.name));
    const applied: string[] = [];
    for (const migration of migrations) {
      if (done.has(migration.name)) continue;
      await client.query("BEGIN");
      try {
        await client.query(migration.sql);
        await client.query(`INSERT INTO "_portico_migrations" ("name", "checksum", "applied_at") VALUES ($1, $2, $3)`, [
          migration.name,
          migration.checksum,
          new Date().toISOString(),
        ]);
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        throw new Error(`migration ${migration.name} failed: ${(error as Error).message}`);
      }
      applied.push(migration.name);
    }
    return applied;
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [LOCK_ID]).catch(() => undefined);
    await client.end();
  }
}

export async function applyMigrations(options: { root?: string } = {}): Promise<string[]> {
  const config = getConfig();
  const migrations = listMigrations(config.databaseProvider, options.root);
  if (config.databaseProvider === "postgresql") return migratePostgres(config.databaseUrl, migrations);
  return migrateSqlite(config.databaseUrl, migrations);
}
