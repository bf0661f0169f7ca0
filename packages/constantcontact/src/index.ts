export {
  createBareClient,
  createClient,
  DEFAULT_BASE_URL,
  RATE_LIMIT,
  type BareClient,
  type Client,
  type ClientOptions,
} from "./client.ts";
export { STATES, toUploadStatus } from "./status.ts";
export * from "./helpers.ts";
export {
  idFromHeaders,
  type ProcessFileOptions,
  type RoundTripHelpers,
  type UploadAnswer,
} from "./roundtrip.ts";
export { type FilesQuery, type LibraryFile, type LibraryHelpers } from "./library.ts";
export {
  FILE_TYPES,
  MAX_DESCRIPTION,
  SOURCES,
  type FileSource,
  type FileType,
  type UploadOptions,
} from "./upload-options.ts";
export type { components, operations, paths } from "./generated/schema.ts";
export {
  ApiError,
  ConnectionError,
  FilestatusError,
  TimeoutError,
  UploadFailedError,
  UploadNotFoundError,
  type Processed,
  type RoundTripPhase,
  type RoundTripProgress,
  type UploadInput,
  type UploadState,
  type UploadStatus,
  type WaitOptions,
} from "@filestatus/core";
