// @prisma/adapter-better-sqlite3 6.19 runs every query on one connection. Its interactive transactions take a
// mutex, but plain queries do not: a request's write issued while another request's transaction is open joins
// that transaction — and is silently undone if it rolls back (and reads see uncommitted rows). This wrapper makes
// plain queries wait while a transaction is open, which is what one SQLite connection requires.
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";

type SqliteAdapter = Awaited<ReturnType<PrismaBetterSQLite3["connect"]>>;
type SqliteTransaction = Awaited<ReturnType<SqliteAdapter["startTransaction"]>>;

function serializeAdapter(adapter: SqliteAdapter): SqliteAdapter {
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
  return Object.assign(Object.create(adapter) as SqliteAdapter, {
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
}

/** A PrismaBetterSQLite3 factory whose connections serialise plain queries behind open transactions. */
export function createSerializedSqliteAdapter(options: { url: string; timeout?: number }) {
  const factory = new PrismaBetterSQLite3({ url: options.url, timeout: options.timeout });
  return Object.assign(Object.create(factory) as PrismaBetterSQLite3, {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => serializeAdapter(await factory.connect()),
  });
}
