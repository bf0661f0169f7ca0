/**
 * Reading the Library: one file (`GET /v2/library/files/{fileId}`), every file a page at a time
 * (`GET /v2/library/files`, following `meta.pagination.next_link`), and the account's upload limit
 * (`GET /v2/library/info`, asked once per client).
 */
import {
  isRecord,
  notObject,
  otherId,
  paginate,
  redactDeep,
  requireId,
  type ApiClient,
  type RequestOptions,
} from "@filestatus/core";
import type { components, operations, paths } from "./generated/schema.ts";

/** A Library file as the API describes it; `url` is where it is hosted. */
export type LibraryFile = components["schemas"]["File"];

/** The filters and order of {@link LibraryHelpers.files}, in the API's words. */
export type FilesQuery = Omit<
  NonNullable<operations["listLibraryFiles"]["parameters"]["query"]>,
  "next"
>;

export interface LibraryHelpers {
  /** The file `id` (its `url` is where it is hosted once `Active`); `ApiError` 404 when there is none. */
  file(id: string, options?: RequestOptions): Promise<LibraryFile>;
  /**
   * Every file of the Library, fetched a page at a time as the iteration asks for them (`break`
   * stops the requests). Each `next_link` is followed on this client's server with its
   * credentials; a link to another endpoint, or one seen before, ends it with an `ApiError`.
   */
  files(query?: FilesQuery, options?: RequestOptions): AsyncIterable<LibraryFile>;
}

const FILES = "/v2/library/files";

function fileProblem(file: unknown, id?: string): string | undefined {
  const problem = notObject(file, "the body");
  if (problem) return problem;
  return id === undefined
    ? typeof (file as LibraryFile).id === "string"
      ? undefined
      : "a file has no id"
    : otherId((file as LibraryFile).id, id, "id");
}

function pageProblem(page: unknown): string | undefined {
  const problem = notObject(page, "the body");
  if (problem) return problem;
  const { meta, results } = page as { meta?: unknown; results?: unknown };
  if (!Array.isArray(results)) return "results is not an array";
  if (!isRecord(meta) || !isRecord(meta.pagination)) return "meta.pagination is not an object";
  return results.map((file) => fileProblem(file)).find(Boolean);
}

/**
 * The query of `link` when it points at the files collection (relative, as documented, or on the
 * client's own server), else undefined: a link elsewhere is never sent the credentials.
 */
function linkQuery(link: unknown, baseUrl: string): Record<string, string> | undefined {
  if (typeof link !== "string" || link === "") return undefined;
  const base = new URL(baseUrl);
  let url: URL;
  try {
    url = new URL(link, base);
  } catch {
    return undefined; // not a URL at all: the caller's "not a link to follow"
  }
  if (url.origin !== base.origin || !url.pathname.endsWith(FILES)) return undefined;
  return Object.fromEntries(url.searchParams);
}

function checkQuery(query: unknown): FilesQuery {
  if (query === undefined) return {};
  if (!isRecord(query))
    throw new TypeError("@filestatus/constantcontact: the files query must be an object");
  const { limit } = query as FilesQuery;
  if (limit !== undefined && !(Number.isInteger(limit) && limit >= 1 && limit <= 1000))
    throw new RangeError(
      `@filestatus/constantcontact: limit must be an integer from 1 to 1000, got ${String(limit)}`,
    );
  return query as FilesQuery;
}

export function libraryHelpers(client: ApiClient<paths>, baseUrl: string): LibraryHelpers {
  const file = async (id: string, { signal }: RequestOptions = {}): Promise<LibraryFile> => {
    const fileId = requireId("constantcontact", id);
    const call = client.GET("/v2/library/files/{fileId}", { params: { path: { fileId } }, signal });
    const found = await client.unwrap(call, (f) => fileProblem(f, fileId));
    return redactDeep(found, client.redact) as LibraryFile;
  };

  const files = (query?: FilesQuery, { signal }: RequestOptions = {}) => {
    const first = checkQuery(query);
    // The cursor is the page's query: the caller's first, then each next_link's own.
    return paginate<LibraryFile, string>(JSON.stringify(first), async (cursor) => {
      const params = { query: JSON.parse(cursor) as FilesQuery };
      const { data, error, response } = await client.GET(FILES, { params, signal });
      const page = await client.unwrap({ data, error, response }, pageProblem);
      const link = page.meta.pagination.next_link;
      const next = link === undefined ? undefined : linkQuery(link, baseUrl);
      const unexpected = (reason: string) => client.unexpected(response, reason);
      if (link !== undefined && next === undefined)
        throw unexpected(`next_link ${JSON.stringify(link)} is not a page of ${FILES}`);
      const items = page.results.map((f) => redactDeep(f, client.redact) as LibraryFile);
      return { items, next: next && JSON.stringify(next), unexpected };
    });
  };

  return { file, files };
}

/**
 * `max_upload_size_limit` of `GET /v2/library/info`, asked once per client; a failure is not kept.
 * The one request is shared, so it does not take any caller's signal: each caller stops waiting
 * when its own signal aborts.
 */
export function uploadLimit(client: ApiClient<paths>): (signal?: AbortSignal) => Promise<number> {
  let limit: Promise<number> | undefined;
  const ask = () =>
    client
      .unwrap(client.GET("/v2/library/info"), (info) =>
        Number.isSafeInteger(info[0]?.max_upload_size_limit)
          ? undefined
          : "max_upload_size_limit is not an integer",
      )
      .then((info) => info[0]!.max_upload_size_limit);
  return (signal) => {
    signal?.throwIfAborted();
    const shared = (limit ??= ask());
    shared.catch(() => {
      if (limit === shared) limit = undefined;
    });
    if (!signal) return shared;
    return new Promise<number>((resolve, reject) => {
      const stop = () => reject(signal.reason);
      signal.addEventListener("abort", stop, { once: true });
      shared.then(resolve, reject).finally(() => signal.removeEventListener("abort", stop));
    });
  };
}
