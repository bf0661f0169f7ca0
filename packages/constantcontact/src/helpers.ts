/**
 * Upload helpers on Constant Contact's upload-status endpoint, which takes many ids in one
 * comma-separated path segment.
 */
import {
  ApiError,
  redactStatus,
  uploadHelpers,
  type ApiClient,
  type RequestOptions,
  type UploadHelpers,
  type UploadStatus,
} from "@filestatus/core";
import type { paths } from "./generated/schema.ts";
import { toUploadStatus } from "./status.ts";

export interface ConstantContactHelpers extends UploadHelpers {
  /**
   * The status of every id that exists, in as few requests as the URL length allows (ids that
   * match no file are left out, as the API does).
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

export function constantContactHelpers(client: ApiClient<paths>): ConstantContactHelpers {
  const uploadStatuses = async (ids: readonly string[], { signal }: RequestOptions = {}) => {
    const out: UploadStatus[] = [];
    for (const fileId of chunkIds(ids)) {
      const params = { path: { fileId } };
      const data = await client.unwrap(
        client.GET("/v2/library/files/uploadstatus/{fileId}", { params, signal }),
      );
      out.push(...(data ?? []).map((file) => redactStatus(client, toUploadStatus(file))));
    }
    return out;
  };
  const helpers = uploadHelpers(client, {
    one: async (id, signal) => {
      const [status] = (await uploadStatuses([id], { signal })).filter((s) => s.id === id);
      if (status) return status;
      throw new ApiError({
        provider: "constantcontact",
        method: "GET",
        url: "/v2/library/files/uploadstatus/{fileId}",
        status: 404,
        providerMessage: `no library file has the id ${id}`,
      });
    },
    // Watching many: the endpoint takes every id at once (chunked by URL length).
    many: async (ids, signal) =>
      new Map((await uploadStatuses(ids, { signal })).map((s) => [s.id, s])),
  });
  return { ...helpers, uploadStatuses };
}
