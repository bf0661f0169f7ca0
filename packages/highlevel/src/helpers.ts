/**
 * Upload helpers on HighLevel's one list endpoint: `skip`/`limit` pages with a total `count`. It
 * has no by-id endpoint, so `uploadStatus` searches the list, a bounded number of pages.
 */
import {
  findInList,
  statusPages,
  uploadHelpers,
  UploadNotFoundError,
  type ApiClient,
  type RequestOptions,
  type UploadHelpers,
  type UploadStatus,
  type WithDefaultHeaders,
} from "@filestatus/core";
import type { paths } from "./generated/schema.ts";
import { csvsOf, listProblem, toUploadStatus } from "./status.ts";

export interface UploadsQuery {
  /** Defaults to the client's `locationId` option. */
  locationId?: string;
  /** Uploads per request (the API's default is 10). */
  limit?: number;
  userId?: string;
  includeUsers?: boolean;
}

export interface HighLevelHelpers extends UploadHelpers {
  /** Every CSV upload of the location, a page per request; stops fetching when the loop breaks. */
  uploads(query?: UploadsQuery, options?: RequestOptions): AsyncIterable<UploadStatus>;
}

/** `uploadStatus` looks through at most this many uploads of the location. */
export const SEARCH_LIMIT = { pageSize: 50, pages: 20 } as const;

const SEARCHED = SEARCH_LIMIT.pageSize * SEARCH_LIMIT.pages;

/** Newer responses carry an `id` beside `_id`; either names the upload. */
const keysOf = (status: UploadStatus): unknown[] => [
  status.id,
  (status.raw as { id?: unknown }).id,
];

const notFound = (id: string): UploadNotFoundError =>
  new UploadNotFoundError({
    provider: "highlevel",
    id,
    detail: `is not among the location's latest ${SEARCHED} uploads`,
  });

export function highLevelHelpers(
  client: ApiClient<WithDefaultHeaders<paths, "Version">>,
  defaultLocationId: string | undefined,
): HighLevelHelpers {
  // A generator, so a missing locationId surfaces when the loop starts, like every other failure.
  async function* uploads(
    query: UploadsQuery = {},
    { signal }: RequestOptions = {},
    maxPages?: number,
    walk?: { pages: number },
  ): AsyncGenerator<UploadStatus, void, undefined> {
    const locationId = query.locationId ?? defaultLocationId;
    if (!locationId) {
      throw new TypeError(
        "@filestatus/highlevel: a locationId is required (the locationId option or query)",
      );
    }
    const page = async (skip: number) => {
      if (walk) walk.pages++;
      const params = { path: { locationId }, query: pageQuery(query, skip) };
      const result = await client.GET("/social-media-posting/{locationId}/csv", { params, signal });
      const data = await client.unwrap(result, listProblem);
      const csvs = csvsOf(data.results?.csvs);
      const seen = skip + csvs.length;
      const next = seen < (data.results?.count ?? 0) ? seen : undefined;
      return { items: csvs.map(toUploadStatus), next, response: result.response };
    };
    yield* statusPages(client, 0, page, maxPages);
  }
  // The location's latest uploads, searched once for every id; each status found carries the id
  // it was asked by. A search walks as many pages as it must (up to 20): polls are paced by the
  // pages the last one took, so a location with a page of uploads is not polled like one with 20.
  let lastPages = 1;
  const search = async (ids: readonly string[], signal: AbortSignal | undefined) => {
    const walk = { pages: 0 };
    try {
      const list = uploads({ limit: SEARCH_LIMIT.pageSize }, { signal }, SEARCH_LIMIT.pages, walk);
      return await findInList(list, ids, Infinity, keysOf);
    } finally {
      lastPages = Math.max(1, walk.pages);
    }
  };
  const helpers = uploadHelpers(client, {
    one: async (id, signal) => {
      const status = (await search([id], signal)).get(id);
      if (!status) throw notFound(id);
      return status;
    },
    // Watching many: one search of the location's list per tick answers for all of them.
    many: search,
    notFound,
    cost: () => lastPages,
  });
  return { ...helpers, uploads: (query, options) => uploads(query, options) };
}

/** The list's query: `skip` and `limit` as the strings the API defines, the filters as given. */
function pageQuery(query: UploadsQuery, skip: number) {
  return {
    skip: String(skip),
    limit: String(query.limit ?? 10),
    ...(query.userId !== undefined && { userId: query.userId }),
    ...(query.includeUsers !== undefined && {
      includeUsers: query.includeUsers ? ("true" as const) : ("false" as const),
    }),
  };
}
