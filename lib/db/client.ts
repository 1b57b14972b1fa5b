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
  porticoPostgresPools?: WeakMap<Db, pg.Pool>;
};
globalForDb.porticoDirectRunners ??= new WeakMap<Db, RunDirect>();
globalForDb.porticoPostgresPools ??= new WeakMap<Db, pg.Pool>();
const directRunners = globalForDb.porticoDirectRunners;
const postgresPools = globalForDb.porticoPostgresPools;

export function createDb(options: { databaseUrl: string }): Db {
  if (!options.databaseUrl.startsWith("file:")) {
    // One pool per client, shared with libraries that bring their own PostgreSQL store (getPostgresPool). Idle, it
    // does not keep the process alive ($disconnect leaves an external pool open).
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 10, allowExitOnIdle: true });
    const client = new PostgresClient({ adapter: new PrismaPg(pool) }) as unknown as Db;
    postgresPools.set(client, pool);
    return client;
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
 * PostgreSQL only: the node-postgres pool under the client's Prisma adapter, for libraries that bring their own
 * PostgreSQL store (rate limits: one statement per call where the Prisma store needs two).
 */
export function getPostgresPool(db: Db = getDb()): pg.Pool {
  const pool = postgresPools.get(db);
  if (!pool) throw new Error("getPostgresPool needs a PostgreSQL database");
  return pool;
}

export const db = new Proxy({} as Db, {
  get(_target, property) {
    return Reflect.get(getDb(), property);
  },
});
