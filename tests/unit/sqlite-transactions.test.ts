import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createDatabase } from "@/lib/db/client";
import { listMigrations, migrateSqlite } from "@/lib/db/migrate";

const url = `file:${path.join(mkdtempSync(path.join(tmpdir(), "portico-tx-")), "tx.db")}`;
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
