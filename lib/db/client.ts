// The Prisma client for the active provider. Nothing outside lib/db knows which database runs.
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { getConfig } from "@/lib/config";
import { PrismaClient as PostgresClient } from "@/lib/generated/postgresql/client";
import { PrismaClient as SqliteClient } from "@/lib/generated/sqlite/client";

// Both generated clients expose the same model API; the SQLite one's type stands for the common subset.
export type Db = SqliteClient;
export type { Prisma } from "@/lib/generated/sqlite/client";

const globalForDb = globalThis as unknown as { porticoDb?: Db };

function createDb(): Db {
  const config = getConfig();
  if (config.databaseProvider === "postgresql") {
    const adapter = new PrismaPg({ connectionString: config.databaseUrl, max: 10 });
    return new PostgresClient({ adapter }) as unknown as Db;
  }
  const adapter = new PrismaBetterSQLite3({ url: config.databaseUrl, timeout: 10_000 });
  return new SqliteClient({ adapter });
}

export function getDb(): Db {
  globalForDb.porticoDb ??= createDb();
  return globalForDb.porticoDb;
}

export const db = new Proxy({} as Db, {
  get(_target, property) {
    return Reflect.get(getDb(), property);
  },
});
