import { mkdtempSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { listMigrations, migrateSqlite } from "@/lib/db/migrate";

describe("SQLite migrations", () => {
  it("apply once, in order, and keep existing rows (table rebuilds do not cascade-delete children)", () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), "portico-migrate-")), "test.db");
    const url = `file:${file}`;
    const migrations = listMigrations("sqlite");
    expect(migrations.length).toBeGreaterThan(1);

    const first = migrations.slice(0, 1);
    expect(migrateSqlite(url, first)).toEqual(first.map((migration) => migration.name));
    const database = new Database(file);
    database.exec(`INSERT INTO "Partner" ("id","name","customerId","updatedAt") VALUES ('ptn_1','Acme','C1','2026-01-01');
      INSERT INTO "User" ("id","email","passwordHash","role","partnerId","updatedAt") VALUES ('usr_1','a@b.c','x','partner','ptn_1','2026-01-01');
      INSERT INTO "Service" ("id","partnerId","serviceId","name","url","secretCiphertext","updatedAt") VALUES ('svc_1','ptn_1','s1','App','https://a.example','v1.x','2026-01-01');`);
    database.close();

    expect(migrateSqlite(url, migrations)).toEqual(migrations.slice(1).map((migration) => migration.name));
    expect(migrateSqlite(url, migrations)).toEqual([]);

    const after = new Database(file, { readonly: true });
    expect(after.prepare(`SELECT count(*) AS n FROM "User"`).get()).toEqual({ n: 1 });
    expect(after.prepare(`SELECT count(*) AS n FROM "Service"`).get()).toEqual({ n: 1 });
    expect(after.prepare(`SELECT "downAfterFailures" AS d FROM "Service"`).get()).toEqual({ d: 2 });
    after.close();
  });
});

describe("migration checksums", () => {
  it("refuses to start when an applied migration's file changed since (and names it)", () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), "portico-migrate-")), "test.db");
    const migrations = listMigrations("sqlite");
    migrateSqlite(`file:${file}`, migrations);
    const edited = migrations.map((migration, index) =>
      index === 1 ? { ...migration, checksum: "0".repeat(64) } : migration,
    );
    expect(() => migrateSqlite(`file:${file}`, edited)).toThrow(new RegExp(`${migrations[1]?.name}.*must not change`));
    expect(migrateSqlite(`file:${file}`, migrations)).toEqual([]);
  });
});

describe("SQLite data files", () => {
  it("the database file and its WAL are created readable by their owner only (0600)", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "portico-mode-"));
    const file = path.join(dir, "portico.db");
    migrateSqlite(`file:${file}`, listMigrations("sqlite").slice(0, 1));
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const database = new Database(file);
    database.exec(
      `INSERT INTO "Partner" ("id","name","customerId","updatedAt") VALUES ('ptn_m','M','CM','2026-01-01')`,
    );
    expect(statSync(`${file}-wal`).mode & 0o777).toBe(0o600);
    database.close();
  });
});
