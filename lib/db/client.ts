// The Prisma client for the active provider. Nothing outside lib/db knows which database runs.
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { getConfig } from "@/lib/config";
import { PrismaClient as PostgresClient } from "@/lib/generated/postgresql/client";
import { PrismaClient as SqliteClient } from "@/lib/generated/sqlite/client";
import { createSerializedSqliteAdapter, type DirectSqlite } from "./sqlite-serialized";

// Both generated clients expose the same model API; the SQLite one's type stands for the common subset.
export type Db = SqliteClient;
export type { Prisma } from "@/lib/generated/sqlite/client";

export type { DirectSqlite };

type RunDirect = <T>(work: (connection: DirectSqlite) => T) => Promise<T>;

// On globalThis, not in module scope: Next bundles this module into several chunks, and the client made by one
// (start-up) is used by the others.
const globalForDb = globalThis as unknown as {
  porticoDb?: Db;
  porticoDirectRunners?: WeakMap<Db, RunDirect>;
  porticoPgPool?: pg.Pool;
};
globalForDb.porticoDirectRunners ??= new WeakMap<Db, RunDirect>();
const directRunners = globalForDb.porticoDirectRunners;

export function createDb(options: { databaseUrl: string }): Db {
  if (!options.databaseUrl.startsWith("file:")) {
    const adapter = new PrismaPg({ connectionString: options.databaseUrl, max: 10 });
    return new PostgresClient({ adapter }) as unknown as Db;
  }
  const sqlite = createSerializedSqliteAdapter({ url: options.databaseUrl, timeout: 10_000 });
  const client = new SqliteClient({ adapter: sqlite.adapterFactory });
  directRunners.set(client, (work) => sqlite.runDirect(work, () => client.$connect()));
  return client;
}

/**
 * SQLite only: runs synchronous better-sqlite3 work (cached prepared statements) on the client's own connection,
 * never inside another request's open transaction. For hot paths whose SQL lives in lib/ beside a PostgreSQL twin.
 */
export function runOnSqlite<T>(work: (connection: DirectSqlite) => T, db: Db = getDb()): Promise<T> {
  const run = directRunners.get(db);
  if (!run) throw new Error("runOnSqlite needs a SQLite database");
  return run(work);
}

export function getDb(): Db {
  globalForDb.porticoDb ??= createDb({ databaseUrl: getConfig().databaseUrl });
  return globalForDb.porticoDb;
}

/**
 * PostgreSQL only: a small node-postgres pool beside Prisma's, for libraries that bring their own PostgreSQL store
 * (rate limits: one statement per call where the Prisma store needs two). Idle, it does not keep the process alive.
 */
export function getPostgresPool(): pg.Pool {
  const { databaseUrl } = getConfig();
  if (databaseUrl.startsWith("file:")) throw new Error("getPostgresPool needs a PostgreSQL database");
  globalForDb.porticoPgPool ??= new pg.Pool({ connectionString: databaseUrl, max: 5, allowExitOnIdle: true });
  return globalForDb.porticoPgPool;
}

export const db = new Proxy({} as Db, {
  get(_target, property) {
    return Reflect.get(getDb(), property);
  },
});
