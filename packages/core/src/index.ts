export { applyCredentials, requireCredential, type Credential } from "./auth.ts";
export {
  createApiClient,
  createBareApiClient,
  DEFAULT_TIMEOUT_MS,
  withFetchLink,
  type ApiClient,
  type BareApiClient,
  type CommonOptions,
  type FetchResult,
  type ProviderConfig,
} from "./client.ts";
export { isSuccessFalse, moveErrorBodies } from "./error-bodies.ts";
export { MAX_TIMER_MS, startTimer, systemClock, type Clock } from "./clock.ts";
export {
  ApiError,
  ConnectionError,
  FilestatusError,
  TimeoutError,
  type ApiErrorInit,
} from "./errors.ts";
export { UploadFailedError, UploadNotFoundError } from "./upload-errors.ts";
export { providerMessage } from "./api-error.ts";
export { createTransport, type Fetch, type TransportOptions } from "./fetch.ts";
export type { Logger } from "./log.ts";
export {
  checkRateLimit,
  createRateLimiter,
  type RateLimit,
  type RateLimiter,
} from "./rate-limit.ts";
export { createRedactor, redactDeep, redactHeaders, REDACTED, type Redactor } from "./redact.ts";
export {
  backoffMs,
  IDEMPOTENT_METHODS,
  RETRY_DEFAULTS,
  retryAfterMs,
  RETRYABLE_STATUSES,
  type RetryOptions,
} from "./retry.ts";
export type { SuccessFalseAsError, WithDefaultHeaders } from "./types.ts";
export {
  redactSource,
  redactStatus,
  requireId,
  requireIds,
  requireIntegerId,
  uploadHelpers,
  type RequestOptions,
  type StatusSource,
  type UploadHelpers,
} from "./helpers.ts";
export { findInList, statusPages, type StatusPage } from "./list.ts";
export { paginate, type Page, type PaginateOptions } from "./paginate.ts";
export {
  isTransient,
  MAX_FAILED_POLLS,
  startPoll,
  startRetries,
  waitForUpload,
  type AfterFailure,
  type Poll,
  type Retries,
  type WatchOutcome,
} from "./poll.ts";
export {
  checkWaitOptions,
  mapState,
  parsePercent,
  TERMINAL_STATES,
  type Cost,
  type PollContext,
  type UploadState,
  type UploadStatus,
  type WaitOptions,
} from "./upload-status.ts";
export {
  estimateRemainingMs,
  failureDelay,
  nextPollDelay,
  SCHEDULE_DEFAULTS,
  type Observation,
  type ScheduleOptions,
} from "./schedule.ts";
export { watchUploads, type FetchMany, type WatchOptions } from "./watch.ts";
export {
  checkNumber,
  DURATION,
  optionalBoolean,
  optionalNumber,
  optionalText,
  optionsObject,
  refuse,
  type NumberRule,
} from "./options.ts";
export { isRecord, kindOf, notObject, notObjects, otherId } from "./shape.ts";
export {
  headerFields,
  HEADER_BYTES,
  toUploadFile,
  type UploadFile,
  type UploadInput,
} from "./upload-file.ts";
export { multipart, type FieldValue, type Multipart } from "./multipart.ts";
export {
  countingStream,
  type OnRoundTripProgress,
  type RoundTripOptions,
  type RoundTripPhase,
  type RoundTripProgress,
} from "./progress.ts";
export {
  formBody,
  refusedBeforeSending,
  sendOnce,
  type FormInit,
  type SendOnceOptions,
} from "./send-once.ts";
export { redactLink, streamedResults } from "./results.ts";
export type { LinkOptions } from "./link.ts";
export { isFileBody } from "./stream.ts";
export {
  processFile,
  type ProcessOptions,
  type Processed,
  type RoundTripSteps,
} from "./process-file.ts";
export {
  checkStore,
  STORE_METHODS,
  storeScope,
  type Slot,
  type Store,
  type Taken,
} from "./store.ts";
export { createMemoryStore, type MemoryStoreOptions } from "./memory-store.ts";
export { STORE_RETRY_MS } from "./store-health.ts";
export { POLL_LOCK_MS, POLL_WAIT_LIMIT_MS, POLL_WAIT_MS, STATUS_TTL_MS } from "./shared-poll.ts";
export { shareable, STORE_CALL_LIMIT_MS } from "./sharing.ts";
