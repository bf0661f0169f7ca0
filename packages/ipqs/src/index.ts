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
export type {
  DownloadOptions,
  IpqsRoundTrip,
  ProcessFileOptions,
  UploadOptions,
} from "./roundtrip.ts";
export {
  RESULTS_FILES,
  UPLOAD_TYPES,
  type IpqsUploadInput,
  type ResultsFile,
  type UploadType,
} from "./upload-input.ts";
export type { IpqsCsv } from "./status.ts";
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
