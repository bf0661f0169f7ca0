/**
 * Page-at-a-time iteration. A page is fetched only when the consumer asks for an item beyond the
 * ones already fetched, so `break` stops the requests. A server that does not move on (a `next`
 * seen before, a page that repeats the one before, an empty page that promises another) would keep
 * it fetching forever, so each of those ends the iteration with the page's `unexpected` error.
 */

export interface Page<T, Cursor> {
  items: readonly T[];
  /** Where the next page starts, or `undefined` after the last one. */
  next: Cursor | undefined;
  /** The error for this page breaking pagination, e.g. `client.unexpected(response, reason)`. */
  unexpected: (reason: string) => Error;
}

export interface PaginateOptions<T> {
  /** Stop after this many pages (default: no limit). */
  maxPages?: number;
  /** What tells items apart, to notice a page that repeats the previous one (default: `id`). */
  key?: (item: T) => unknown;
}

const idOf = (item: unknown): unknown => (item as { id?: unknown } | null)?.id;

/** Why `page` cannot be right, given the keys of the page before it. */
function pageProblem(page: Page<unknown, unknown>, keys: unknown[], before: unknown[]): string {
  if (page.items.length === 0 && page.next !== undefined)
    return "an empty page says there is a next page";
  const previous = new Set(before);
  if (keys.length > 0 && keys.length === before.length && keys.every((k) => previous.has(k)))
    return "the page repeats the previous page's items";
  return "";
}

/** Cursors are compared with `===`, so they should be numbers or strings. */
export async function* paginate<T, Cursor>(
  first: Cursor,
  fetchPage: (cursor: Cursor) => Promise<Page<T, Cursor>>,
  options: PaginateOptions<T> = {},
): AsyncGenerator<T, void, undefined> {
  const { maxPages = Infinity, key = idOf } = options;
  const cursors = new Set<Cursor>([first]);
  let before: unknown[] = [];
  let cursor: Cursor | undefined = first;
  for (let pages = 0; cursor !== undefined && pages < maxPages; pages++) {
    const page: Page<T, Cursor> = await fetchPage(cursor);
    const keys = page.items.map(key);
    const problem = pageProblem(page, keys, before);
    if (problem) throw page.unexpected(problem);
    yield* page.items;
    before = keys;
    cursor = page.next;
    if (cursor === undefined || pages + 1 >= maxPages) break;
    if (cursors.has(cursor)) throw page.unexpected(`the next page (${cursor}) was already fetched`);

    cursors.add(cursor);
  }
}
