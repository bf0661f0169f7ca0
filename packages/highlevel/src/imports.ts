/**
 * One import and its posts (`GET …/csv/{id}`, paged with `skip`/`limit`), and the two deletes
 * (`DELETE …/csv/{id}`, `DELETE …/csv/{csvId}/post/{postId}`), specs/highlevel.yaml.
 */
import {
  notObject,
  notObjects,
  requireId,
  type ApiClient,
  type RequestOptions,
  type RoundTripOptions,
  type WithDefaultHeaders,
} from "@filestatus/core";
import type { components, paths } from "./generated/schema.ts";
import { idProblem } from "./status.ts";

type HighLevelClient = ApiClient<WithDefaultHeaders<paths, "Version">>;

/** An import as HighLevel reports it (`_id` or `id`, `status`, `count`, …). */
export type CsvUpload = components["schemas"]["CsvUpload"];
/** One post of an import, parsed from a row of its file. */
export type CsvPost = components["schemas"]["CsvPost"];

/** What `csvImport` resolves: the import and every one of its posts. */
export interface CsvImport {
  csv: CsvUpload;
  posts: CsvPost[];
}

export interface ImportHelpers {
  /**
   * The import and all its posts, a page of {@link POSTS_PAGE} per request; `onProgress` hears
   * `downloading` with the share of the posts read after each page.
   */
  csvImport(id: string, options?: RoundTripOptions): Promise<CsvImport>;
  /** Deletes the import and all of its posts (`DELETE …/csv/{id}`); it then reports `deleted`. */
  deleteUpload(id: string, options?: RequestOptions): Promise<void>;
  /** Deletes one post of an import (`DELETE …/csv/{csvId}/post/{postId}`), e.g. a row in error. */
  deletePost(csvId: string, postId: string, options?: RequestOptions): Promise<void>;
}

/** Posts asked for per request (the API documents no maximum and no default). */
export const POSTS_PAGE = 100;

/** `csvImport` reads at most this many pages (100,000 posts): a `count` beyond is not believed. */
export const MAX_POSTS_PAGES = 1_000;

type PostsPage = { results?: { csv?: unknown; count?: unknown; posts?: unknown } };

/** Why a `getCsvPost` body is not an import with a page of posts. */
export function postsProblem(body: unknown): string | undefined {
  const problem = notObject(body, "the body") ?? notObject((body as PostsPage).results, "results");
  if (problem) return problem;
  const { csv, count, posts } = (body as Required<PostsPage>).results;
  const shape =
    notObject(csv, "results.csv") ??
    notObjects(posts, "results.posts") ??
    (typeof count === "number" ? undefined : "results.count is not a number");
  return shape ?? idProblem(csv as CsvUpload);
}

export function importHelpers(client: HighLevelClient, location: () => string): ImportHelpers {
  const provider = "highlevel";
  const CSV = "/social-media-posting/{locationId}/csv/{id}";

  async function csvImport(
    id: string,
    { signal, onProgress }: RoundTripOptions = {},
  ): Promise<CsvImport> {
    requireId(provider, id);
    const path = { locationId: location(), id };
    const posts: CsvPost[] = [];
    let csv: CsvUpload | undefined;
    // A page that never ends (a count that keeps growing) stops one page past the first count; a
    // server that ignores `skip` (the same page again) or a count past the cap is an ApiError.
    let previous: string | undefined;
    for (let page = 0, pages = 1; page < pages; page++) {
      const query = { skip: String(posts.length), limit: String(POSTS_PAGE) };
      const result = await client.GET(CSV, { params: { path, query }, signal });
      const { results } = await client.unwrap(result, postsProblem);
      const { count, posts: got } = results!;
      csv = results!.csv;
      if (page === 0) pages = Math.ceil(count / POSTS_PAGE) + 1;
      if (pages > MAX_POSTS_PAGES + 1)
        throw client.unexpected(
          result.response,
          `count ${count} is more posts than ${MAX_POSTS_PAGES} pages hold`,
        );
      const fingerprint = got.length > 0 ? JSON.stringify(got) : undefined;
      if (fingerprint !== undefined && fingerprint === previous)
        throw client.unexpected(
          result.response,
          `skip=${query.skip} answered the previous page again`,
        );
      previous = fingerprint;
      posts.push(...got);
      const progress = count > 0 ? Math.min(100, (posts.length / count) * 100) : 100;
      await onProgress?.({ phase: "downloading", progress });
      // An empty page ends the walk even short of `count`: posts deleted meanwhile.
      if (got.length === 0 || posts.length >= count) break;
    }
    return { csv: csv!, posts };
  }

  async function deleteUpload(id: string, { signal }: RequestOptions = {}): Promise<void> {
    requireId(provider, id);
    const params = { path: { locationId: location(), id } };
    await client.unwrap(client.DELETE(CSV, { params, signal }));
  }

  async function deletePost(
    csvId: string,
    postId: string,
    { signal }: RequestOptions = {},
  ): Promise<void> {
    requireId(provider, csvId);
    if (typeof postId !== "string" || postId.trim() === "")
      throw new TypeError("@filestatus/highlevel: a postId is required (a non-empty string)");
    const params = { path: { locationId: location(), csvId, postId } };
    const path = "/social-media-posting/{locationId}/csv/{csvId}/post/{postId}";
    await client.unwrap(client.DELETE(path, { params, signal }));
  }

  return { csvImport, deleteUpload, deletePost };
}
