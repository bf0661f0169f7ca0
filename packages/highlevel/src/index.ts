export {
  createBareClient,
  createClient,
  DEFAULT_BASE_URL,
  DEFAULT_VERSION,
  RATE_LIMIT,
  type BareClient,
  type Client,
  type ClientOptions,
} from "./client.ts";
export { STATES, toUploadStatus } from "./status.ts";
export * from "./helpers.ts";
export {
  POSTS_PAGE,
  type CsvImport,
  type CsvPost,
  type CsvUpload,
  type ImportHelpers,
} from "./imports.ts";
export { FIND_AMONG, type ProcessFileOptions, type RoundTripHelpers } from "./roundtrip.ts";
export type { UploadOptions } from "./upload-options.ts";
export type { components, operations, paths } from "./generated/schema.ts";
export {
  ApiError,
  ConnectionError,
  FilestatusError,
  TimeoutError,
  UploadFailedError,
  UploadNotFoundError,
  type UploadState,
  type Processed,
  type RoundTripProgress,
  type UploadInput,
  type UploadStatus,
  type WaitOptions,
} from "@filestatus/core";
