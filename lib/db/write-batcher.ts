// Group commit for hot writes (redemption claims, issuance inserts, check results): items that arrive while the event
// loop is busy are written together in one transaction on the next turn (one BEGIN/COMMIT and one WAL append instead
// of one per item). Each caller still gets its own result only after the commit that holds its write. A failed batch
// rolled back as a whole, so nothing of it is half-written; when `retryAlone` accepts the error, its items are retried
// one by one, so only the item at fault gets the error (e.g. the one reused XID of a batch).

export interface WriteBatcher<Item, Result> {
  /** Resolves with this item's result once its batch has committed; rejects with the error its write met. */
  write: (item: Item) => Promise<Result>;
}

interface Pending<Item, Result> {
  item: Item;
  resolve: (result: Result) => void;
  reject: (error: unknown) => void;
}

export function createWriteBatcher<Item, Result>(options: {
  /** Writes the items in one transaction and returns one result per item, in order. */
  writeBatch: (items: Item[]) => Promise<Result[]>;
  /** A batch this large is written at once. */
  maxBatch: number;
  retryAlone: (error: unknown) => boolean;
  /** How long items are collected before a batch is written; by default, until the event loop's next turn. */
  windowMs?: number;
}): WriteBatcher<Item, Result> {
  const queue: Pending<Item, Result>[] = [];
  let scheduled = false;

  const settle = async (batch: Pending<Item, Result>[]) => {
    const results = await options.writeBatch(batch.map((pending) => pending.item));
    // One result per item, in order: anything else would leave writers waiting forever.
    if (results.length !== batch.length) {
      throw new Error(`writeBatch returned ${results.length} results for ${batch.length} items`);
    }
    for (const [index, result] of results.entries()) batch[index]?.resolve(result);
  };

  const flush = async () => {
    const batch = queue.splice(0, options.maxBatch);
    if (queue.length) schedule();
    if (!batch.length) return;
    try {
      await settle(batch);
    } catch (error) {
      if (batch.length === 1 || !options.retryAlone(error)) {
        for (const pending of batch) pending.reject(error);
        return;
      }
      for (const pending of batch) await settle([pending]).catch(pending.reject);
    }
  };

  function schedule() {
    if (scheduled) return;
    scheduled = true;
    const run = () => {
      scheduled = false;
      void flush();
    };
    if (options.windowMs) setTimeout(run, options.windowMs);
    else setImmediate(run);
  }

  return {
    write: (item) =>
      new Promise<Result>((resolve, reject) => {
        queue.push({ item, resolve, reject });
        if (queue.length >= options.maxBatch) void flush();
        else schedule();
      }),
  };
}
