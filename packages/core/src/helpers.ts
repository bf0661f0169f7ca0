/**
 * The helpers every provider client has, built from the one thing each provider implements:
 * fetching one upload's status.
 */
import type { ApiClient } from "./client.ts";
import { redactDeep } from "./redact.ts";
import { waitForUpload, type UploadStatus, type WaitOptions } from "./upload-status.ts";
import { watchUploads, type FetchMany, type WatchOptions, type WatchOutcome } from "./watch.ts";

export interface RequestOptions {
  signal?: AbortSignal;
}

export interface UploadHelpers {
  /** The upload's normalised status; throws `ApiError` when the provider says no. */
  uploadStatus(id: string, options?: RequestOptions): Promise<UploadStatus>;
  /**
   * Polls until the upload is complete; rejects with `UploadFailedError` when it fails or is
   * deleted, `TimeoutError` after `timeoutMs`, or the abort reason when `signal` aborts.
   */
  waitForUpload(id: string, options?: WaitOptions): Promise<UploadStatus>;
  /**
   * Watches many uploads on this client's one rate limit, in as few requests as the API allows;
   * resolves with an outcome per id (not failing fast unless `failFast`).
   */
  watchUploads(ids: readonly string[], options?: WatchOptions): Promise<WatchOutcome[]>;
}

/** Rejects ids that are not non-empty strings before anything is sent. */
export function requireId(provider: string, id: unknown): string {
  if (typeof id !== "string" || id.trim() === "") {
    throw new TypeError(`@filestatus/${provider}: an upload id is required (a non-empty string)`);
  }
  return id;
}

/**
 * An id the provider numbers (IPQS CSVs, SanitizeEmail files) as an integer. Only plain digits
 * within the safe-integer range pass, so `"007"`, `"1e3"` or a 20-digit id are never sent as some
 * other number.
 */
export function requireIntegerId(provider: string, id: string): number {
  const n = Number(id);
  if (!/^[1-9]\d*$/.test(id) || !Number.isSafeInteger(n)) {
    throw new TypeError(
      `@filestatus/${provider}: upload ids are positive integers, got ${JSON.stringify(id)}`,
    );
  }
  return n;
}

/** `status` with this client's secrets removed from the provider's raw object. */
export function redactStatus(client: ApiClient<{}>, status: UploadStatus): UploadStatus {
  return { ...status, raw: redactDeep(status.raw, client.redact) };
}

/**
 * The helpers from `fetchStatus` (one id) and, where the API answers for many ids in one request,
 * `fetchMany`.
 */
export function uploadHelpers(
  client: ApiClient<{}>,
  fetchStatus: (id: string, signal: AbortSignal | undefined) => Promise<UploadStatus>,
  fetchMany?: FetchMany,
): UploadHelpers {
  const uploadStatus = async (id: string, options: RequestOptions = {}) =>
    redactStatus(client, await fetchStatus(requireId(client.provider, id), options.signal));
  return {
    uploadStatus,
    // async, so a bad id rejects like every other failure instead of throwing synchronously
    waitForUpload: async (id, options = {}) =>
      waitForUpload(
        client,
        requireId(client.provider, id),
        (signal) => uploadStatus(id, { signal }),
        options,
      ),
    watchUploads: async (ids, options = {}) => {
      for (const id of ids) requireId(client.provider, id);
      return watchUploads(
        client,
        ids,
        (id, signal) => uploadStatus(id, { signal }),
        fetchMany,
        options,
      );
    },
  };
}
