// isUniqueViolation: the one place that knows how each way of writing reports a unique constraint.
import { describe, expect, it } from "vitest";
import { isUniqueViolation } from "@/lib/db/errors";

describe("isUniqueViolation", () => {
  it("recognises Prisma's P2002, a raw PostgreSQL statement's P2010, node-pg's 23505 and better-sqlite3's codes", () => {
    expect(isUniqueViolation({ code: "P2002" })).toBe(true);
    // As Prisma 6.19 with @prisma/adapter-pg reports a duplicate key from $executeRawUnsafe.
    const raw = {
      code: "P2010",
      meta: { driverAdapterError: { cause: { originalCode: "23505", kind: "UniqueConstraintViolation" } } },
    };
    expect(isUniqueViolation(raw)).toBe(true);
    // As node-pg reports it from the pool (PostgreSQL's hot-path writes).
    expect(isUniqueViolation({ code: "23505", constraint: "Transaction_partnerId_xid_key" })).toBe(true);
    expect(isUniqueViolation({ code: "SQLITE_CONSTRAINT_UNIQUE" })).toBe(true);
    expect(isUniqueViolation({ code: "SQLITE_CONSTRAINT_PRIMARYKEY" })).toBe(true);
  });

  it("does not mistake other failures for one", () => {
    const foreignKey = {
      code: "P2010",
      meta: { driverAdapterError: { cause: { kind: "ForeignKeyConstraintViolation" } } },
    };
    expect(isUniqueViolation(foreignKey)).toBe(false);
    expect(isUniqueViolation({ code: "P2010" })).toBe(false);
    expect(isUniqueViolation({ code: "SQLITE_BUSY" })).toBe(false);
    expect(isUniqueViolation({ code: "23503" })).toBe(false);
    expect(isUniqueViolation(new Error("boom"))).toBe(false);
    expect(isUniqueViolation(undefined)).toBe(false);
  });
});
