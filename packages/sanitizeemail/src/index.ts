export {
  createBareClient,
  createClient,
  DEFAULT_BASE_URL,
  type BareClient,
  type Client,
  type ClientOptions,
} from "./client.ts";
export { STATES, toUploadStatus } from "./status.ts";
export * from "./helpers.ts";
export type { ProcessFileOptions, SanitizeEmailRoundTrip } from "./roundtrip.ts";
export { isEmailColumnError, type EmailColumnError } from "./roundtrip-errors.ts";
export {
  CHECK_DEFAULTS,
  type Job,
  type JobChecks,
  type UploadOptions,
} from "./roundtrip-options.ts";
export type { DownloadOptions } from "./roundtrip-results.ts";
export type { components, operations, paths } from "./generated/schema.ts";
export {
  ApiError,
  ConnectionError,
  FilestatusError,
  TimeoutError,
  UploadFailedError,
  UploadNotFoundError,
  type Processed,
  type RoundTripProgress,
  type UploadInput,
  type UploadState,
  type UploadStatus,
  type WaitOptions,
} from "@filestatus/core";
