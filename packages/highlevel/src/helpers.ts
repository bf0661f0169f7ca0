/**
 * Upload helpers on HighLevel's one list endpoint: `skip`/`limit` pages with a total `count`. It
 * has no by-id endpoint, so `uploadStatus` searches the list, a bounded number of pages.
 */
import {
  ApiError,
  findInList,
  paginate,
  redactStatus,
  uploadHelpers,
  type ApiClient,
  type RequestOptions,
  type UploadHelpers,
  type UploadStatus,
  type WithDefaultHeaders,
} from "@filestatus/core";
import type { paths } from "./generated/schema.ts";
import { csvsOf, toUploadStatus } from "./status.ts";

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

export function highLevelHelpers(
  client: ApiClient<WithDefaultHeaders<paths, "Version">>,
  defaultLocationId: string | undefined,
): HighLevelHelpers {
  // A generator, so a missing locationId surfaces when the loop starts, like every other failure.
  async function* uploads(
    query: UploadsQuery = {},
    { signal }: RequestOptions = {},
    maxPages = Infinity,
  ): AsyncGenerator<UploadStatus, void, undefined> {
    const locationId = query.locationId ?? defaultLocationId;
    if (!locationId) {
      throw new TypeError(
        "@filestatus/highlevel: a locationId is required (the locationId option or query)",
      );
    }
    const limit = query.limit ?? 10;
    yield* paginate(
      0,
      async (skip) => {
        const params = {
          path: { locationId },
          query: {
            skip: String(skip),
            limit: String(limit),
            ...(query.userId !== undefined && { userId: query.userId }),
            ...(query.includeUsers !== undefined && {
              includeUsers: query.includeUsers ? ("true" as const) : ("false" as const),
            }),
          },
        };
        const data = await client.unwrap(
          client.GET("/social-media-posting/{locationId}/csv", { params, signal }),
        );
        const csvs = csvsOf(data.results?.csvs);
        const seen = skip + csvs.length;
        return {
          items: csvs.map((csv) => redactStatus(client, toUploadStatus(csv))),
          next: csvs.length > 0 && seen < (data.results?.count ?? 0) ? seen : undefined,
        };
      },
      maxPages,
    );
  }
  const helpers = uploadHelpers(client, {
    one: async (id, signal) => {
      // Newer responses carry an `id` beside `_id`; either names the upload.
      for await (const status of uploads(
        { limit: SEARCH_LIMIT.pageSize },
        { signal },
        SEARCH_LIMIT.pages,
      )) {
        if (status.id === id || (status.raw as { id?: unknown }).id === id) return status;
      }
      throw new ApiError({
        provider: "highlevel",
        method: "GET",
        url: "/social-media-posting/{locationId}/csv",
        status: 404,
        providerMessage: `upload ${id} is not among the location's latest ${SEARCH_LIMIT.pageSize * SEARCH_LIMIT.pages} uploads`,
      });
    },
    // Watching many: one walk of the location's list per tick answers for all of them.
    many: (ids, signal) =>
      findInList(
        uploads({ limit: SEARCH_LIMIT.pageSize }, { signal }, SEARCH_LIMIT.pages),
        ids,
        Infinity,
      ),
  });
  return { ...helpers, uploads: (query, options) => uploads(query, options) };
}
