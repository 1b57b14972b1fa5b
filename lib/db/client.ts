// The one way to the database: getDb() for Prisma's model API, getHotPaths() for the hand-written hot paths. The
// provider is chosen once, from the database URL, when the client is made; nothing outside lib/db knows which it is.
import { getConfig } from "@/lib/config";
import type { PrismaClient as SqliteClient } from "@/lib/generated/sqlite/client";
import type { HotPaths } from "./hot-paths";
import { createPostgresDatabase } from "./postgresql/database";
import { createSqliteDatabase } from "./sqlite/database";

type ModelName = Uncapitalize<import("@/lib/generated/sqlite/client").Prisma.ModelName>;

/**
 * What domain code may use of either generated client: the model API, transactions, connect/disconnect, and raw SQL
 * only for probes and benchmark set-up (dialect SQL belongs in the providers). The two clients come from schemas that
 * differ only in the datasource (tests/unit/schema-parity.test.ts), so their model APIs are the same; TypeScript
 * cannot prove two generated type trees equal, so the PostgreSQL client is declared to be this type in one place
 * (lib/db/postgresql/database.ts). The SQLite client's types stand for it: where the model APIs differ, PostgreSQL
 * has more (case-insensitive filters, skipDuplicates), so these types are the subset both support.
 */
export type Db = Pick<
  SqliteClient,
  ModelName | "$transaction" | "$connect" | "$disconnect" | "$queryRawUnsafe" | "$executeRawUnsafe"
>;
export type { Prisma } from "@/lib/generated/sqlite/client";

/** A database as the app uses it: Prisma's model API and the provider's hot paths over the same connections. */
export interface Database {
  client: Db;
  hotPaths: HotPaths;
  /** Disconnects the client and closes what the provider opened under it (PostgreSQL: its pool). */
  close: () => Promise<void>;
}

export function createDatabase(options: { databaseUrl: string }): Database {
  return options.databaseUrl.startsWith("file:")
    ? createSqliteDatabase({ url: options.databaseUrl })
    : createPostgresDatabase({ connectionString: options.databaseUrl });
}

// On globalThis, not in module scope: Next bundles this module into several chunks, and the database made by one
// (start-up) is used by the others.
const globalForDb = globalThis as unknown as { porticoDatabase?: Database };

function getDatabase(): Database {
  globalForDb.porticoDatabase ??= createDatabase({ databaseUrl: getConfig().databaseUrl });
  return globalForDb.porticoDatabase;
}

export function getDb(): Db {
  return getDatabase().client;
}

export function getHotPaths(): HotPaths {
  return getDatabase().hotPaths;
}

/** Closes this process's database (on PostgreSQL, its pool too); the next getDb() opens it again. */
export async function closeDb(): Promise<void> {
  const database = globalForDb.porticoDatabase;
  globalForDb.porticoDatabase = undefined;
  await database?.close();
}
