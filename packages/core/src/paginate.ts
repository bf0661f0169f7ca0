/**
 * Page-at-a-time iteration. A page is fetched only when the consumer asks for an item beyond the
 * ones already fetched, so `break` stops the requests.
 */

export interface Page<T, Cursor> {
  items: readonly T[];
  /** Where the next page starts, or `undefined` after the last one. */
  next: Cursor | undefined;
}

export async function* paginate<T, Cursor>(
  first: Cursor,
  fetchPage: (cursor: Cursor) => Promise<Page<T, Cursor>>,
  maxPages: number = Infinity,
): AsyncGenerator<T, void, undefined> {
  let cursor: Cursor | undefined = first;
  for (let pages = 0; cursor !== undefined && pages < maxPages; pages++) {
    const page: Page<T, Cursor> = await fetchPage(cursor);
    yield* page.items;
    cursor = page.next;
  }
}
