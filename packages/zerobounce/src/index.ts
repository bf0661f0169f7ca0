export {
  createBareClient,
  createClient,
  DEFAULT_BASE_URL,
  RATE_LIMIT,
  type BareClient,
  type Client,
  type ClientOptions,
} from "./client.ts";
export type { DeletedFile, RoundTrip } from "./roundtrip.ts";
export type {
  DeleteOptions,
  DownloadOptions,
  DownloadType,
  ProcessFileOptions,
  UploadOptions,
} from "./roundtrip-options.ts";
export { STATES, toUploadStatus } from "./status.ts";
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
