// Write batching for issuance: inserts that arrive while the previous statement runs are sent together as one
// transaction. A request still answers only after its own row is committed. When a batch hits a unique violation
// (a reused XID), its rows are retried one by one so only the offending request gets the 409.
// SQLite: one synchronous better-sqlite3 transaction with a prepared INSERT (runOnSqlite); PostgreSQL: createMany.
import { getDb, runOnSqlite } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/errors";
import { isPostgres, toDbTime } from "@/lib/db/raw-sql";

export interface TransactionInsert {
  id: string;
  partnerId: string;
  xid: string;
  phoneNumber: string;
  tokenHash: string;
  issuedAt: Date;
  expiresAt: Date;
}

interface Pending {
  row: TransactionInsert;
  resolve: () => void;
  reject: (error: unknown) => void;
}

const MAX_BATCH = 256;
let queue: Pending[] = [];
let scheduled = false;

// "status" has a default; listed so the statement does not depend on it.
const SQLITE_INSERT = `INSERT INTO "Transaction" ("id", "partnerId", "xid", "phoneNumber", "tokenHash", "issuedAt",
  "expiresAt", "status") VALUES (?, ?, ?, ?, ?, ?, ?, 'issued')`;

async function insertRows(rows: TransactionInsert[]): Promise<void> {
  if (isPostgres()) {
    await getDb().transaction.createMany({ data: rows });
    return;
  }
  await runOnSqlite(({ database, prepare }) =>
    database.transaction(() => {
      const insert = prepare(SQLITE_INSERT);
      for (const row of rows) {
        insert.run(
          row.id,
          row.partnerId,
          row.xid,
          row.phoneNumber,
          row.tokenHash,
          toDbTime(row.issuedAt),
          toDbTime(row.expiresAt),
        );
      }
    })(),
  );
}

async function flush(): Promise<void> {
  scheduled = false;
  const batch = queue.length > MAX_BATCH ? queue.splice(0, MAX_BATCH) : queue;
  if (batch === queue) queue = [];
  if (queue.length) schedule();
  try {
    await insertRows(batch.map((pending) => pending.row));
    for (const pending of batch) pending.resolve();
  } catch (error) {
    if (batch.length === 1 || !isUniqueViolation(error)) {
      for (const pending of batch) pending.reject(error);
      return;
    }
    for (const pending of batch) {
      await insertRows([pending.row]).then(pending.resolve, pending.reject);
    }
  }
}

function schedule(): void {
  if (scheduled) return;
  scheduled = true;
  setImmediate(() => void flush());
}

/** Resolves once the row is stored; rejects with an error isUniqueViolation (lib/db/errors) recognises on a reused XID. */
export function insertTransaction(row: TransactionInsert): Promise<void> {
  return new Promise((resolve, reject) => {
    queue.push({ row, resolve, reject });
    schedule();
  });
}
