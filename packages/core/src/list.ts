/**
 * Upload lists: the pages a provider fetches become statuses with this client's secrets redacted
 * (IPQS echoes its key in every item), and a newest-first list answers for many ids in one walk.
 */
import type { ApiClient } from "./client.ts";
import { redactStatus } from "./helpers.ts";
import { paginate } from "./paginate.ts";
import type { UploadStatus } from "./upload-status.ts";

/** One page of a provider's upload list, with the response it came in. */
export interface StatusPage<Cursor> {
  items: readonly UploadStatus[];
  /** Where the next page starts, or `undefined` after the last one. */
  next: Cursor | undefined;
  /** For the `ApiError` raised when the pages do not move on. */
  response: Response;
}

/** Every upload of a provider's list, page by page, redacted. */
export function statusPages<Cursor>(
  client: ApiClient<{}>,
  first: Cursor,
  fetchPage: (cursor: Cursor) => Promise<StatusPage<Cursor>>,
  maxPages?: number,
): AsyncGenerator<UploadStatus, void, undefined> {
  const redacted = async (cursor: Cursor) => {
    const page = await fetchPage(cursor);
    return {
      items: page.items.map((status) => redactStatus(client, status)),
      next: page.next,
      unexpected: (reason: string) => client.unexpected(page.response, reason),
    };
  };
  return paginate(first, redacted, maxPages === undefined ? {} : { maxPages });
}

/**
 * The statuses of `ids` found by walking a newest-first list, at most `limit` uploads, stopping
 * once every id is found. `keysOf` gives every id an upload answers to (HighLevel has two); the
 * status found carries the id it was asked for.
 */
export async function findInList(
  list: AsyncIterable<UploadStatus>,
  ids: readonly string[],
  limit: number,
  keysOf: (status: UploadStatus) => readonly unknown[] = (status) => [status.id],
): Promise<Map<string, UploadStatus>> {
  const wanted = new Set(ids);
  const found = new Map<string, UploadStatus>();
  let seen = 0;
  for await (const status of list) {
    for (const key of keysOf(status))
      if (typeof key === "string" && wanted.has(key)) found.set(key, { ...status, id: key });
    if (found.size === wanted.size || ++seen >= limit) break;
  }
  return found;
}
