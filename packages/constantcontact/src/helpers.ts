/**
 * Upload helpers on Constant Contact's upload-status endpoint, which takes many ids in one
 * comma-separated path segment.
 */
import {
  redactSource,
  requireIds,
  uploadHelpers,
  UploadNotFoundError,
  type ApiClient,
  type RequestOptions,
  type UploadHelpers,
  type UploadStatus,
} from "@filestatus/core";
import type { paths } from "./generated/schema.ts";
import { filesProblem, toUploadStatus } from "./status.ts";

export interface ConstantContactHelpers extends UploadHelpers {
  /**
   * The status of every id that exists, in as few requests as the URL length allows (ids that
   * match no file are left out, as the API does; an id given twice is asked for once). A
   * `TypeError` for anything but an array of ids.
   */
  uploadStatuses(ids: readonly string[], options?: RequestOptions): Promise<UploadStatus[]>;
}

/**
 * Encoded ids per request. Servers and proxies commonly refuse URLs past 2,000–8,000 bytes; 1,500
 * bytes of ids keeps the whole URL (host, path, api_key) well under the lowest of those.
 */
export const MAX_IDS_BYTES = 1_500;

/** Splits `ids` into runs whose comma-joined, percent-encoded form stays within `maxBytes`. */
export function chunkIds(ids: readonly string[], maxBytes: number = MAX_IDS_BYTES): string[][] {
  const chunks: string[][] = [];
  let chunk: string[] = [];
  let bytes = 0;
  for (const id of ids) {
    const size = encodeURIComponent(id).length + 1;
    if (chunk.length > 0 && bytes + size > maxBytes) {
      chunks.push(chunk);
      chunk = [];
      bytes = 0;
    }
    chunk.push(id);
    bytes += size;
  }
  if (chunk.length > 0) chunks.push(chunk);
  return chunks;
}

const notFound = (id: string): UploadNotFoundError =>
  new UploadNotFoundError({ provider: "constantcontact", id, detail: "matches no library file" });

export function constantContactHelpers(client: ApiClient<paths>): ConstantContactHelpers {
  // Every file the server returns, by id: a file asked for twice is one file.
  const fetchStatuses = async (ids: readonly string[], signal: AbortSignal | undefined) => {
    const found = new Map<string, UploadStatus>();
    for (const fileId of chunkIds(ids)) {
      const call = client.GET("/v2/library/files/uploadstatus/{fileId}", {
        params: { path: { fileId } },
        signal,
      });
      for (const file of (await client.unwrap(call, filesProblem)) ?? []) {
        const status = toUploadStatus(file);
        found.set(status.id, status);
      }
    }
    return found;
  };
  const source = {
    one: async (id: string, signal: AbortSignal | undefined) => {
      const status = (await fetchStatuses([id], signal)).get(id);
      if (!status) throw notFound(id);
      return status;
    },
    // Watching many: the endpoint takes every id at once (chunked by URL length), and an id it
    // leaves out matches no file.
    many: fetchStatuses,
    notFound,
  };
  const { many } = redactSource(client, source);
  const uploadStatuses = async (ids: readonly string[], { signal }: RequestOptions = {}) => [
    ...(await many!(requireIds("constantcontact", ids), signal)).values(),
  ];
  return { ...uploadHelpers(client, source), uploadStatuses };
}
