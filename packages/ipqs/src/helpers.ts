/**
 * Upload helpers on the IPQS endpoints: `/status/{csvId}` by id, `/list` page by page.
 */
import {
  findInList,
  paginate,
  redactStatus,
  requireIntegerId,
  uploadHelpers,
  type ApiClient,
  type RequestOptions,
  type SuccessFalseAsError,
  type UploadHelpers,
  type UploadStatus,
} from "@filestatus/core";
import type { components, paths } from "./generated/schema.ts";
import { toUploadStatus } from "./status.ts";

export interface UploadsQuery {
  /** Only CSVs of this type. */
  type?: components["schemas"]["CsvTypeFilter"];
}

export interface IpqsHelpers extends UploadHelpers {
  /** Every CSV, newest first, 50 per request; stops fetching when the loop breaks. */
  uploads(query?: UploadsQuery, options?: RequestOptions): AsyncIterable<UploadStatus>;
}

type IpqsApi = ApiClient<SuccessFalseAsError<paths>>;

/** `watchUploads` looks for its ids among this many of the newest CSVs (20 pages of 50). */
export const WATCH_LIST_LIMIT = 1_000;

export function ipqsHelpers(client: IpqsApi): IpqsHelpers {
  const uploads = (query: UploadsQuery = {}, { signal }: RequestOptions = {}) =>
    paginate(1, async (page: number) => {
      const params = { query: { ...query, page } };
      const data = await client.unwrap(client.GET("/list", { params, signal }));
      return {
        items: data.csvs.map((csv) => redactStatus(client, toUploadStatus(csv))),
        next: page < (data.total_pages ?? 0) ? page + 1 : undefined,
      };
    });
  const helpers = uploadHelpers(client, {
    one: async (id, signal) => {
      const params = { path: { csvId: Number(id) } };
      return toUploadStatus(await client.unwrap(client.GET("/status/{csvId}", { params, signal })));
    },
    // Watching many: one walk of the newest-first list per tick answers for all of them.
    many: (ids, signal) => findInList(uploads({}, { signal }), ids, WATCH_LIST_LIMIT),
    checkId: (id) => void requireIntegerId("ipqs", id),
  });
  return { ...helpers, uploads };
}
