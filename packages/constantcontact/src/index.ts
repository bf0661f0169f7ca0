export {
  createClient,
  DEFAULT_BASE_URL,
  RATE_LIMIT,
  type Client,
  type ClientOptions,
} from "./client.ts";
export { STATES, toUploadStatus } from "./status.ts";
export * from "./helpers.ts";
export type { components, operations, paths } from "./generated/schema.ts";
export {
  ApiError,
  ConnectionError,
  FilestatusError,
  TimeoutError,
  UploadFailedError,
  UploadNotFoundError,
  type UploadState,
  type UploadStatus,
  type WaitOptions,
} from "@filestatus/core";
