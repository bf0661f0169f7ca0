/**
 * Upload helpers on the IPQS endpoints: `/status/{csvId}` by id, `/list` page by page.
 */
import {
  findInList,
  requireIntegerId,
  statusPages,
  uploadHelpers,
  type ApiClient,
  type RequestOptions,
  type SuccessFalseAsError,
  type UploadHelpers,
  type UploadStatus,
} from "@filestatus/core";
import type { components, paths } from "./generated/schema.ts";
import { csvProblem, listProblem, toUploadStatus } from "./status.ts";

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
    statusPages(client, 1, async (page: number) => {
      const result = await client.GET("/list", { params: { query: { ...query, page } }, signal });
      const data = await client.unwrap(result, listProblem);
      return {
        items: data.csvs.map(toUploadStatus),
        next: page < (data.total_pages ?? 0) ? page + 1 : undefined,
        response: result.response,
      };
    });
  const helpers = uploadHelpers(client, {
    one: async (id, signal) => {
      const call = client.GET("/status/{csvId}", {
        params: { path: { csvId: Number(id) } },
        signal,
      });
      return toUploadStatus(await client.unwrap(call, (csv) => csvProblem(csv, id)));
    },
    // Watching many: one walk of the newest-first list per tick answers for all of them; a CSV
    // older than the walk is looked up by id.
    many: (ids, signal) => findInList(uploads({}, { signal }), ids, WATCH_LIST_LIMIT),
    checkId: (id) => void requireIntegerId("ipqs", id),
    roundCost: WATCH_LIST_LIMIT / 50,
  });
  return { ...helpers, uploads };
}
