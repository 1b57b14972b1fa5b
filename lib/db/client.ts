// The Prisma client for the active provider. Nothing outside lib/db knows which database runs.
import { PrismaPg } from "@prisma/adapter-pg";
import { getConfig } from "@/lib/config";
import { PrismaClient as PostgresClient } from "@/lib/generated/postgresql/client";
import { PrismaClient as SqliteClient } from "@/lib/generated/sqlite/client";
import { createSerializedSqliteAdapter } from "./sqlite-serialized";

// Both generated clients expose the same model API; the SQLite one's type stands for the common subset.
export type Db = SqliteClient;
export type { Prisma } from "@/lib/generated/sqlite/client";

const globalForDb = globalThis as unknown as { porticoDb?: Db };

export function createDb(options: { databaseUrl: string }): Db {
  if (!options.databaseUrl.startsWith("file:")) {
    const adapter = new PrismaPg({ connectionString: options.databaseUrl, max: 10 });
    return new PostgresClient({ adapter }) as unknown as Db;
  }
  return new SqliteClient({ adapter: createSerializedSqliteAdapter({ url: options.databaseUrl, timeout: 10_000 }) });
}

export function getDb(): Db {
  globalForDb.porticoDb ??= createDb({ databaseUrl: getConfig().databaseUrl });
  return globalForDb.porticoDb;
}

export const db = new Proxy({} as Db, {
  get(_target, property) {
    return Reflect.get(getDb(), property);
  },
});
