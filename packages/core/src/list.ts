/**
 * Upload lists: a newest-first list answers for many ids in one walk.
 */
import type { UploadStatus } from "./upload-status.ts";

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
