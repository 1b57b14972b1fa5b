// Write batching for issuance (lib/db/write-batcher): inserts that arrive together are sent as one transaction (lib/db
// hot paths). A request still answers only after its own row is committed. When a batch hits a unique violation (a
// reused XID), its rows are retried one by one so only the offending request gets the 409.
import { getHotPaths } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/errors";
import type { TransactionInsert } from "@/lib/db/hot-paths";
import { createWriteBatcher } from "@/lib/db/write-batcher";

export type { TransactionInsert };

const batcher = createWriteBatcher<TransactionInsert, void>({
  writeBatch: async (rows) => {
    await getHotPaths().insertTransactions(rows);
    return rows.map(() => undefined);
  },
  maxBatch: 256,
  retryAlone: isUniqueViolation,
});

/** Resolves once the row is stored; rejects with an error isUniqueViolation (lib/db/errors) recognises on a reused XID. */
export const insertTransaction = (row: TransactionInsert): Promise<void> => batcher.write(row);
