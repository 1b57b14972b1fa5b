import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { createDatabase } from "@/lib/db/client";
import { listMigrations, migrateSqlite } from "@/lib/db/migrate";

const file = path.join(mkdtempSync(path.join(tmpdir(), "portico-tx-")), "tx.db");
const url = `file:${file}`;
migrateSqlite(url, listMigrations("sqlite"));
const db = createDatabase({ databaseUrl: url }).client;
afterAll(() => db.$disconnect());

const partner = (id: string) => ({ id, name: id, customerId: id });

describe("SQLite: one connection shared by concurrent requests", () => {
  it("a write made while another request's transaction is open survives that transaction's rollback", async () => {
    let inside!: () => void;
    const insideTransaction = new Promise<void>((resolve) => (inside = resolve));
    const failing = db
      .$transaction(async (tx) => {
        await tx.partner.create({ data: partner("ptn_rolled_back") });
        inside();
        await new Promise((resolve) => setTimeout(resolve, 50));
        throw new Error("business rule says no");
      })
      .catch((error: Error) => error.message);
    await insideTransaction;
    await db.partner.create({ data: partner("ptn_outside") });
    expect(await failing).toBe("business rule says no");
    const ids = (await db.partner.findMany({ select: { id: true } })).map((row) => row.id);
    expect(ids).toContain("ptn_outside");
    expect(ids).not.toContain("ptn_rolled_back");
  });

  it("reads outside a transaction never see its uncommitted rows", async () => {
    let inside!: () => void;
    const insideTransaction = new Promise<void>((resolve) => (inside = resolve));
    const failing = db
      .$transaction(async (tx) => {
        await tx.partner.create({ data: partner("ptn_dirty") });
        inside();
        await new Promise((resolve) => setTimeout(resolve, 30));
        throw new Error("rollback");
      })
      .catch(() => undefined);
    await insideTransaction;
    expect(await db.partner.findUnique({ where: { id: "ptn_dirty" } })).toBeNull();
    await failing;
  });

  it("concurrent transactions still all commit", async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        db.$transaction(async (tx) => {
          await tx.partner.create({ data: partner(`ptn_many_${i}`) });
        }),
      ),
    );
    expect(await db.partner.count({ where: { id: { startsWith: "ptn_many_" } } })).toBe(20);
  });
});

describe("SQLite adapter wrapper", () => {
  it("fails at connect with a clear message when the adapter is not the shape it was written for", async () => {
    const { PrismaBetterSQLite3 } = await import("@prisma/adapter-better-sqlite3");
    const { createSerializedSqliteAdapter } = await import("@/lib/db/sqlite/serialized-adapter");
    const connect = vi.spyOn(PrismaBetterSQLite3.prototype, "connect");
    try {
      // A future adapter that keeps its better-sqlite3 handle under another name.
      connect.mockResolvedValueOnce({
        startTransaction: async () => ({}),
        queryRaw: async () => ({}),
        executeRaw: async () => 0,
        executeScript: async () => undefined,
        dispose: async () => undefined,
        handle: {},
      } as never);
      const other = `file:${path.join(mkdtempSync(path.join(tmpdir(), "portico-shape-")), "shape.db")}`;
      await expect(createSerializedSqliteAdapter({ url: other }).adapterFactory.connect()).rejects.toThrow(
        /adapter-better-sqlite3 is not what lib\/db\/sqlite\/serialized-adapter\.ts expects/,
      );
    } finally {
      connect.mockRestore();
    }
  });

  it("a transaction that reads and then writes holds the write lock from its start, so another process's commit cannot fail it", async () => {
    await db.partner.create({ data: partner("ptn_race") });
    // Another process (a second server process, the worker, a CLI) writes the same row without waiting for locks.
    const writeFromAnotherProcess = () =>
      spawnSync(
        process.execPath,
        [
          "-e",
          `const D = require("better-sqlite3"); const d = new D(${JSON.stringify(file)}, { timeout: 0 });
           try { d.prepare('UPDATE "Partner" SET "name" = ? WHERE "id" = ?').run("outside", "ptn_race"); console.log("written"); }
           catch (error) { console.log(error.code); }`,
        ],
        { encoding: "utf8" },
      ).stdout.trim();
    const other = await db.$transaction(async (tx) => {
      await tx.partner.findUnique({ where: { id: "ptn_race" } });
      const outcome = writeFromAnotherProcess();
      await tx.partner.update({ where: { id: "ptn_race" }, data: { name: "inside" } });
      return outcome;
    });
    expect(other).toBe("SQLITE_BUSY");
    expect((await db.partner.findUnique({ where: { id: "ptn_race" } }))?.name).toBe("inside");
  });
});
