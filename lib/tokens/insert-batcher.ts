// Write batching for issuance: inserts that arrive while the previous statement runs are sent together as one
// multi-row INSERT (createMany). A request still answers only after its own row is committed. When a batch hits a
// unique violation (a reused XID), its rows are retried one by one so only the offending request gets the 409.
import { getDb } from "@/lib/db/client";

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

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string }).code === "P2002";
}

async function insertOne(pending: Pending): Promise<void> {
  try {
    await getDb().transaction.create({ data: pending.row, select: { id: true } });
    pending.resolve();
  } catch (error) {
    pending.reject(error);
  }
}

async function flush(): Promise<void> {
  scheduled = false;
  const batch = queue.length > MAX_BATCH ? queue.splice(0, MAX_BATCH) : queue;
  if (batch === queue) queue = [];
  if (queue.length) schedule();
  if (batch.length === 1) return insertOne(batch[0]);
  try {
    await getDb().transaction.createMany({ data: batch.map((pending) => pending.row) });
    for (const pending of batch) pending.resolve();
  } catch (error) {
    if (!isUniqueViolation(error)) {
      for (const pending of batch) pending.reject(error);
      return;
    }
    for (const pending of batch) await insertOne(pending);
  }
}

function schedule(): void {
  if (scheduled) return;
  scheduled = true;
  setImmediate(() => void flush());
}

/** Resolves once the row is stored; rejects with Prisma's error (P2002 on a reused XID). */
export function insertTransaction(row: TransactionInsert): Promise<void> {
  return new Promise((resolve, reject) => {
    queue.push({ row, resolve, reject });
    schedule();
  });
}
