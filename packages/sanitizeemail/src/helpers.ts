/**
 * Upload helpers on the SanitizeEmail endpoints: `/filesupload/{file_id}` by id, the list by
 * following `next`.
 */
import {
  findInList,
  requireIntegerId,
  statusPages,
  uploadHelpers,
  type ApiClient,
  type RequestOptions,
  type UploadHelpers,
  type UploadStatus,
} from "@filestatus/core";
import type { components, paths } from "./generated/schema.ts";
import { fileProblem, listProblem, toUploadStatus } from "./status.ts";

export interface UploadsQuery {
  file_tag?: components["schemas"]["FileTag"];
  /** Files per request, 1–100 (default 10). */
  size?: number;
}

export interface SanitizeEmailHelpers extends UploadHelpers {
  /** Every file, a page per request, following `next`; stops fetching when the loop breaks. */
  uploads(query?: UploadsQuery, options?: RequestOptions): AsyncIterable<UploadStatus>;
}

/**
 * The page number in a `next` URL, resolved against the request's URL when relative (`null` when
 * it is no URL at all). Only the number is taken: the request is rebuilt on the client's own
 * server, so a `next` pointing elsewhere cannot receive the key.
 */
function pageOf(next: string | null | undefined, base: string): number | undefined | null {
  if (!next) return undefined;
  if (!URL.canParse(next, base)) return null;
  const page = Number(new URL(next, base).searchParams.get("page"));
  return Number.isInteger(page) && page > 0 ? page : undefined;
}

/** `watchUploads` looks for its ids among this many of the newest files (10 pages of 100). */
export const WATCH_LIST_LIMIT = 1_000;

export function sanitizeEmailHelpers(client: ApiClient<paths>): SanitizeEmailHelpers {
  const uploads = (query: UploadsQuery = {}, { signal }: RequestOptions = {}) =>
    statusPages(client, 1, async (page: number) => {
      const params = { query: { ...query, page } };
      const result = await client.GET("/v1/api/filesupload/", { params, signal });
      const data = await client.unwrap(result, listProblem);
      const next = pageOf(data.next, result.response.url);
      if (next === null) throw client.unexpected(result.response, "next is not a URL", data);
      return { items: data.results.map(toUploadStatus), next, response: result.response };
    });
  const helpers = uploadHelpers(client, {
    one: async (id, signal) => {
      const params = { path: { file_id: Number(id) } };
      const call = client.GET("/v1/api/filesupload/{file_id}", { params, signal });
      return toUploadStatus(await client.unwrap(call, (file) => fileProblem(file, id)));
    },
    // Watching many: one walk of the list (100 a page, the most it allows) per tick; a file older
    // than the walk is looked up by id.
    many: (ids, signal) => findInList(uploads({ size: 100 }, { signal }), ids, WATCH_LIST_LIMIT),
    checkId: (id) => void requireIntegerId("sanitizeemail", id),
    roundCost: WATCH_LIST_LIMIT / 100,
  });
  return { ...helpers, uploads };
}
