// Cursor pagination: lists answer `{data, next_cursor?}`; the next page is asked for with `?cursor=<next_cursor>`.

export interface Page<Item> {
  data: Item[];
  next_cursor?: string | null;
}

/**
 * A list call: `await` it for the first page, or `for await` over it for every item of every page (fetched lazily,
 * one page at a time).
 */
export class PageRequest<Item, P extends Page<Item> = Page<Item>> implements PromiseLike<P>, AsyncIterable<Item> {
  readonly #fetchPage: (cursor: string | undefined) => Promise<P>;
  #first: Promise<P> | undefined;

  constructor(fetchPage: (cursor: string | undefined) => Promise<P>) {
    this.#fetchPage = fetchPage;
  }

  // biome-ignore lint/suspicious/noThenProperty: a PageRequest is awaitable on purpose (first page)
  then<Result1 = P, Result2 = never>(
    onFulfilled?: ((value: P) => Result1 | PromiseLike<Result1>) | null,
    onRejected?: ((reason: unknown) => Result2 | PromiseLike<Result2>) | null,
  ): Promise<Result1 | Result2> {
    this.#first ??= this.#fetchPage(undefined);
    return this.#first.then(onFulfilled, onRejected);
  }

  /** Every page, in order. */
  async *pages(): AsyncGenerator<P, void, undefined> {
    let cursor: string | undefined;
    for (;;) {
      const page = await this.#fetchPage(cursor);
      yield page;
      if (!page.next_cursor) return;
      cursor = page.next_cursor;
    }
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<Item, void, undefined> {
    for await (const page of this.pages()) yield* page.data;
  }

  /** Every item of every page in one array (mind the size of what you ask for). */
  async toArray(): Promise<Item[]> {
    const items: Item[] = [];
    for await (const item of this) items.push(item);
    return items;
  }
}
