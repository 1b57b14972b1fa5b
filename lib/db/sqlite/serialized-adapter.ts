// @prisma/adapter-better-sqlite3 6.19 runs every query on one connection. Its interactive transactions take a
// mutex, but plain queries do not: a request's write issued while another request's transaction is open joins
// that transaction — and is silently undone if it rolls back (and reads see uncommitted rows). This wrapper makes
// plain queries wait while a transaction is open, which is what one SQLite connection requires.
// The same gate lets hot paths run synchronous better-sqlite3 work with cached prepared statements on that connection
// (`runDirect`): no query compilation and no re-preparing per call, and nothing else can interleave with it.
import { chmodSync, closeSync, existsSync, openSync } from "node:fs";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import type { Database, Statement } from "better-sqlite3";
import { getConfig } from "@/lib/config";

type SqliteAdapter = Awaited<ReturnType<PrismaBetterSQLite3["connect"]>>;
type SqliteTransaction = Awaited<ReturnType<SqliteAdapter["startTransaction"]>>;

/** Prisma's own connection, for synchronous work between transactions. Statements are prepared once per SQL text. */
export interface DirectSqlite {
  database: Database;
  prepare: (sql: string) => Statement;
}

interface SerializedConnection {
  adapter: SqliteAdapter;
  runDirect: <T>(work: (connection: DirectSqlite) => T) => Promise<T>;
}

// The adapter prepares every statement anew (`client.prepare(sql).bind(args)`, then run / columns / raw().all()), and
// preparing costs as much as running a small query. This stands in for its `client` and serves statements from a
// cache; a bound statement cannot be re-bound in better-sqlite3, so arguments are passed at run time instead.
const STATEMENT_CACHE_SIZE = 500;

function cachePreparedStatements(database: Database) {
  const cache = new Map<string, Statement>();
  const prepare = (sql: string): Statement => {
    let statement = cache.get(sql);
    if (statement) {
      cache.delete(sql); // re-inserted below: Map order is recency order
    } else {
      statement = database.prepare(sql);
      if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
    }
    cache.set(sql, statement);
    return statement;
  };
  const bound = (statement: Statement, args: unknown[]) => ({
    reader: statement.reader,
    run: () => statement.run(...args),
    columns: () => statement.columns(),
    raw: () => ({ all: () => statement.raw(true).all(...args) }),
  });
  const cachedPrepare = (sql: string) => {
    const statement = prepare(sql);
    return { reader: statement.reader, bind: (args: unknown[]) => bound(statement, args), run: () => statement.run() };
  };
  return withPrepare(database, cachedPrepare);
}

/** The handle with `prepare` replaced; everything else (exec, close, …) goes to the real handle, as its `this`. */
function withPrepare(database: Database, prepare: (sql: string) => unknown): Database {
  return new Proxy(database, {
    get(target, property) {
      if (property === "prepare") return (sql: string) => prepare(toImmediateBegin(sql));
      const value = Reflect.get(target, property);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

// Transactions begin IMMEDIATE (the write lock at once, waiting up to the busy timeout), not with the adapter's
// deferred BEGIN: a deferred transaction that reads and then writes fails at once with SQLITE_BUSY, no waiting, when
// another process (a second server process, the worker, a CLI) committed in between — SQLite cannot upgrade its
// read snapshot. Within one process transactions are serialised anyway, so this costs nothing there.
const toImmediateBegin = (sql: string) => (sql === "BEGIN" ? "BEGIN IMMEDIATE" : sql);

/** The SQLite file holds every secret's ciphertext and hash: readable by its owner only, like secrets.json. */
export function ensurePrivateDatabaseFile(file: string): void {
  if (file === "" || file === ":memory:") return;
  if (!existsSync(file)) closeSync(openSync(file, "a", 0o600));
  chmodSync(file, 0o600); // SQLite creates its -wal and -shm files with the database file's mode
}

const ADAPTER_METHODS = ["startTransaction", "queryRaw", "executeRaw", "executeScript", "dispose"] as const;
const HANDLE_METHODS = ["prepare", "pragma", "exec", "transaction", "close"] as const;

/**
 * This wrapper reaches into the adapter (its `client` handle and method names). A different adapter version must
 * fail here, at start-up, with a clear message — not later as a wrong answer under load.
 */
function assertAdapterShape(adapter: SqliteAdapter): Database {
  const problem = (what: string) =>
    new Error(
      `@prisma/adapter-better-sqlite3 is not what lib/db/sqlite/serialized-adapter.ts expects (${what}); pin the version it was written for (package.json) or update the wrapper`,
    );
  for (const method of ADAPTER_METHODS) {
    if (typeof adapter[method] !== "function") throw problem(`no ${method}()`);
  }
  const database = (adapter as unknown as { client?: Database }).client;
  if (!database || typeof database !== "object") throw problem("no better-sqlite3 handle in `client`");
  for (const method of HANDLE_METHODS) {
    if (typeof database[method] !== "function") throw problem(`client.${method} is not a function`);
  }
  return database;
}

/** A query through the wrapped adapter, so a change in how the adapter prepares statements fails at connect. */
async function assertAdapterAnswers(adapter: SqliteAdapter): Promise<void> {
  const result = await adapter.queryRaw({ sql: "SELECT 1 AS one", args: [], argTypes: [] });
  if (result.columnNames?.[0] !== "one" || String(result.rows?.[0]?.[0]) !== "1") {
    throw new Error(
      "@prisma/adapter-better-sqlite3 answered a probe query in an unexpected shape; lib/db/sqlite/serialized-adapter.ts needs updating",
    );
  }
}

function serializeAdapter(adapter: SqliteAdapter): SerializedConnection {
  // The adapter keeps its better-sqlite3 handle in `client` (pinned version; checked by assertAdapterShape).
  const holder = adapter as unknown as { client: Database };
  const database = assertAdapterShape(adapter);
  const settings = getConfig().sqlite;
  holder.client = settings.statementCache
    ? cachePreparedStatements(database)
    : withPrepare(database, (sql) => database.prepare(sql));
  // WAL + NORMAL: a commit is not fsynced until the next checkpoint — consistent after a crash, may lose the last
  // commits on power loss (SQLite's recommended WAL setting). PORTICO_SQLITE_SYNCHRONOUS=full restores per-commit fsync.
  database.pragma(`synchronous = ${settings.synchronous === "full" ? "FULL" : "NORMAL"}`);
  // Apart from the adapter's cache: that one switches reader statements to raw (array) rows, these return objects.
  // Unbounded on purpose: only constant SQL of lib/ comes here.
  const statements = new Map<string, Statement>();
  const direct: DirectSqlite = {
    database,
    prepare(sql) {
      let statement = statements.get(sql);
      if (!statement) {
        statement = database.prepare(sql);
        statements.set(sql, statement);
      }
      return statement;
    },
  };
  let open: Promise<void> | null = null;
  const waitForNoTransaction = async () => {
    while (open) await open;
  };
  const startTransaction: SqliteAdapter["startTransaction"] = async (isolationLevel) => {
    await waitForNoTransaction();
    let release = () => {};
    // Set synchronously after the wait, so a second caller woken by the same release sees it and waits again.
    open = new Promise<void>((resolve) => {
      release = () => {
        open = null;
        resolve();
      };
    });
    let transaction: SqliteTransaction;
    try {
      transaction = await adapter.startTransaction(isolationLevel);
    } catch (error) {
      release();
      throw error;
    }
    const finish = (end: () => Promise<void>) => async () => {
      try {
        await end();
      } finally {
        release();
      }
    };
    return Object.assign(Object.create(transaction) as SqliteTransaction, {
      commit: finish(() => transaction.commit()),
      rollback: finish(() => transaction.rollback()),
      queryRaw: transaction.queryRaw.bind(transaction),
      executeRaw: transaction.executeRaw.bind(transaction),
    });
  };
  const serialized = Object.assign(Object.create(adapter) as SqliteAdapter, {
    startTransaction,
    queryRaw: async (query: Parameters<SqliteAdapter["queryRaw"]>[0]) => {
      await waitForNoTransaction();
      return adapter.queryRaw(query);
    },
    executeRaw: async (query: Parameters<SqliteAdapter["executeRaw"]>[0]) => {
      await waitForNoTransaction();
      return adapter.executeRaw(query);
    },
    executeScript: async (script: string) => {
      await waitForNoTransaction();
      return adapter.executeScript(script);
    },
    dispose: () => adapter.dispose(),
  });
  return {
    adapter: serialized,
    // No await between the wait and the work: synchronous work cannot interleave with any other query.
    runDirect: async (work) => {
      await waitForNoTransaction();
      return work(direct);
    },
  };
}

/**
 * A PrismaBetterSQLite3 factory whose connections serialise plain queries behind open transactions, and
 * `runDirect`, which runs synchronous work on the current connection (connecting through `connect` first if needed).
 */
export function createSerializedSqliteAdapter(options: { url: string; timeout?: number }) {
  ensurePrivateDatabaseFile(options.url.replace(/^file:/, ""));
  const factory = new PrismaBetterSQLite3({ url: options.url, timeout: options.timeout });
  let current: SerializedConnection | undefined;
  const adapterFactory = Object.assign(Object.create(factory) as PrismaBetterSQLite3, {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => {
      const connection = serializeAdapter(await factory.connect());
      await assertAdapterAnswers(connection.adapter);
      current = connection;
      return current.adapter;
    },
  });
  return {
    adapterFactory,
    async runDirect<T>(work: (connection: DirectSqlite) => T, connect: () => Promise<void>): Promise<T> {
      if (!current) await connect();
      if (!current) throw new Error("the SQLite connection did not open");
      return current.runDirect(work);
    },
  };
}
