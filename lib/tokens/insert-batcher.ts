// Write batching for issuance (lib/db/write-batcher): inserts that arrive together are sent as one transaction. A
// request still answers only after its own row is committed. When a batch hits a unique violation (a reused XID), its
// rows are retried one by one so only the offending request gets the 409.
// SQLite: one synchronous better-sqlite3 transaction with a prepared INSERT (runOnSqlite); PostgreSQL: one INSERT …
// SELECT from a JSON row set.
import { getDb, runOnSqlite } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/errors";
import { isPostgres, toDbTime } from "@/lib/db/raw-sql";
import { createWriteBatcher } from "@/lib/db/write-batcher";

export interface TransactionInsert {
  id: string;
  partnerId: string;
  xid: string;
  phoneNumber: string;
  tokenHash: string;
  issuedAt: Date;
  expiresAt: Date;
}

// "status" has a default; listed so the statement does not depend on it.
const SQLITE_INSERT = `INSERT INTO "Transaction" ("id", "partnerId", "xid", "phoneNumber", "tokenHash", "issuedAt",
  "expiresAt", "status") VALUES (?, ?, ?, ?, ?, ?, ?, 'issued')`;

// One statement for the batch: createMany would run every row through Prisma's query compiler.
const POSTGRES_INSERT = `INSERT INTO "Transaction" ("id", "partnerId", "xid", "phoneNumber", "tokenHash", "issuedAt",
    "expiresAt", "status")
  SELECT r."id", r."partnerId", r."xid", r."phoneNumber", r."tokenHash", r."issuedAt"::timestamp(3),
    r."expiresAt"::timestamp(3), 'issued'
  FROM json_to_recordset($1::json) AS r("id" text, "partnerId" text, "xid" text, "phoneNumber" text, "tokenHash" text,
    "issuedAt" text, "expiresAt" text)`;

async function insertRows(rows: TransactionInsert[]): Promise<void> {
  if (isPostgres()) {
    const json = rows.map((row) => ({ ...row, issuedAt: toDbTime(row.issuedAt), expiresAt: toDbTime(row.expiresAt) }));
    await getDb().$executeRawUnsafe(POSTGRES_INSERT, JSON.stringify(json));
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

const batcher = createWriteBatcher<TransactionInsert, void>({
  writeBatch: async (rows) => {
    await insertRows(rows);
    return rows.map(() => undefined);
  },
  maxBatch: 256,
  retryAlone: isUniqueViolation,
});

/** Resolves once the row is stored; rejects with an error isUniqueViolation (lib/db/errors) recognises on a reused XID. */
export const insertTransaction = (row: TransactionInsert): Promise<void> => batcher.write(row);
