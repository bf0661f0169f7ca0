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

/** Where a provider's helpers get their statuses from. */
export interface StatusSource {
  /** One upload's status. */
  one(id: string, signal: AbortSignal | undefined): Promise<UploadStatus>;
  /** Many uploads' statuses in one round of requests, where the API allows it. */
  many?: FetchMany;
  /** Throws a `TypeError` for an id the provider could never have issued, before any request. */
  checkId?: (id: string) => void;
}

export function uploadHelpers(client: ApiClient<{}>, source: StatusSource): UploadHelpers {
  const check = (id: string): string => {
    requireId(client.provider, id);
    source.checkId?.(id);
    return id;
  };
  const one = async (id: string, signal: AbortSignal | undefined) =>
    redactStatus(client, await source.one(id, signal));
  // All async, so a bad id rejects like every other failure instead of throwing synchronously.
  return {
    uploadStatus: async (id, options = {}) => one(check(id), options.signal),
    waitForUpload: async (id, options = {}) =>
      waitForUpload(client, check(id), (signal) => one(id, signal), options),
    watchUploads: async (ids, options = {}) => {
      ids.forEach(check);
      return watchUploads(client, ids, one, source.many, options);
    },
  };
}
