/**
 * Error classes. Every message, body and header they carry is redacted before construction, so
 * `error.message`, `error.stack` and `JSON.stringify(error)` are safe to log.
 *
 * The `is` guards check a brand registered with `Symbol.for`, not `instanceof`, so they hold across
 * two copies of this package and across realms.
 */

import type { UploadStatus } from "./upload-status.ts";

const BRAND: unique symbol = Symbol.for("@filestatus/core/error");

type ErrorKind = "ApiError" | "ConnectionError" | "TimeoutError" | "UploadFailedError";

function isKind(value: unknown, kind: ErrorKind): boolean {
  return (
    typeof value === "object" && value !== null && (value as { [BRAND]?: unknown })[BRAND] === kind
  );
}

/** Fields shared by every error of this package. */
export abstract class FilestatusError extends Error {
  /** Provider package that raised the error, e.g. `"zerobounce"`. */
  readonly provider: string;
  /** HTTP method of the request. */
  readonly method: string;
  /** Request URL with every secret replaced by `***`. */
  readonly url: string;

  constructor(
    message: string,
    init: { provider: string; method: string; url: string; cause?: unknown },
  ) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.provider = init.provider;
    this.method = init.method;
    this.url = init.url;
  }
}

/** What the server said, after redaction. */
export interface ApiErrorInit {
  provider: string;
  method: string;
  url: string;
  status: number;
  /** The provider's own error message, when its body carries one. */
  providerMessage?: string;
  body?: unknown;
  headers?: Record<string, string>;
  requestId?: string;
  retryAfterMs?: number;
}

/**
 * The provider answered with an error: a non-2xx status, or a 2xx body that says `success: false`
 * (ZeroBounce, IPQS).
 */
export class ApiError extends FilestatusError {
  override readonly name = "ApiError";
  readonly status: number;
  readonly providerMessage: string | undefined;
  readonly body: unknown;
  readonly headers: Record<string, string>;
  readonly requestId: string | undefined;
  readonly retryAfterMs: number | undefined;

  constructor(init: ApiErrorInit) {
    const detail = init.providerMessage ? `: ${init.providerMessage}` : "";
    super(`${init.provider}: HTTP ${init.status} from ${init.method} ${init.url}${detail}`, init);
    Object.defineProperty(this, BRAND, { value: "ApiError" });
    this.status = init.status;
    this.providerMessage = init.providerMessage;
    this.body = init.body;
    this.headers = init.headers ?? {};
    this.requestId = init.requestId;
    this.retryAfterMs = init.retryAfterMs;
  }

  static is(value: unknown): value is ApiError {
    return isKind(value, "ApiError");
  }

  toJSON(): Record<string, unknown> {
    const { name, message, provider, method, url, status, providerMessage, body, requestId } = this;
    return { name, message, provider, method, url, status, providerMessage, body, requestId };
  }
}

/** The request never got an HTTP answer: DNS, refused or reset connection, TLS. */
export class ConnectionError extends FilestatusError {
  override readonly name = "ConnectionError";

  constructor(init: { provider: string; method: string; url: string; cause?: unknown }) {
    super(`${init.provider}: ${init.method} ${init.url} failed before a response arrived`, init);
    Object.defineProperty(this, BRAND, { value: "ConnectionError" });
  }

  static is(value: unknown): value is ConnectionError {
    return isKind(value, "ConnectionError");
  }

  toJSON(): Record<string, unknown> {
    const { name, message, provider, method, url } = this;
    return { name, message, provider, method, url };
  }
}

/**
 * Time ran out: a request attempt outlived `timeoutMs` (after any retries), or `waitForUpload` did
 * not see the upload finish within its `timeoutMs` (then `lastStatus` is what it saw last).
 */
export class TimeoutError extends FilestatusError {
  override readonly name = "TimeoutError";
  readonly timeoutMs: number;
  readonly lastStatus: unknown;

  constructor(init: {
    provider: string;
    method: string;
    url: string;
    timeoutMs: number;
    cause?: unknown;
    message?: string;
    lastStatus?: unknown;
  }) {
    super(
      init.message ??
        `${init.provider}: ${init.method} ${init.url} timed out after ${init.timeoutMs} ms`,
      init,
    );
    Object.defineProperty(this, BRAND, { value: "TimeoutError" });
    this.timeoutMs = init.timeoutMs;
    this.lastStatus = init.lastStatus;
  }

  static is(value: unknown): value is TimeoutError {
    return isKind(value, "TimeoutError");
  }

  toJSON(): Record<string, unknown> {
    const { name, message, provider, method, url, timeoutMs, lastStatus } = this;
    return { name, message, provider, method, url, timeoutMs, lastStatus };
  }
}

/** `waitForUpload` saw the upload end as `failed` or `deleted`; `status` is that last status. */
export class UploadFailedError extends FilestatusError {
  override readonly name = "UploadFailedError";
  readonly status: UploadStatus;

  constructor(init: { provider: string; status: UploadStatus }) {
    const label = init.status.name ? `${init.status.id} (${init.status.name})` : init.status.id;
    super(`${init.provider}: upload ${label} ended as ${init.status.state}`, {
      provider: init.provider,
      method: "GET",
      url: "",
    });
    Object.defineProperty(this, BRAND, { value: "UploadFailedError" });
    this.status = init.status;
  }

  static is(value: unknown): value is UploadFailedError {
    return isKind(value, "UploadFailedError");
  }

  toJSON(): Record<string, unknown> {
    const { name, message, provider, status } = this;
    return { name, message, provider, status };
  }
}

/**
 * The provider's own message from any of the error shapes the five APIs use: `message` as a string
 * or an array (ZeroBounce, IPQS, HighLevel 422), `error_message` (ZeroBounce), `detail`
 * (SanitizeEmail, or its field errors), or an array of `{ error_key, error_message }` (Constant Contact).
 */
export function providerMessage(body: unknown): string | undefined {
  if (typeof body === "string") return body.trim().slice(0, 200) || undefined;
  if (Array.isArray(body)) {
    const parts = body.map(providerMessage).filter((m): m is string => m !== undefined);
    return parts.length ? parts.join("; ") : undefined;
  }
  if (typeof body !== "object" || body === null) return undefined;
  const record = body as Record<string, unknown>;
  for (const key of ["message", "error_message", "detail", "error"]) {
    const value = record[key];
    if (typeof value === "string" && value) return value;
    if (Array.isArray(value) && value.length) return value.map(String).join("; ");
  }
  // Django REST framework validation errors (SanitizeEmail): { "field": ["why", …] }.
  const fields = Object.entries(record).filter(
    ([, v]) => Array.isArray(v) && v.length > 0 && v.every((m) => typeof m === "string"),
  );
  return fields.length
    ? fields.map(([k, v]) => `${k}: ${(v as string[]).join(" ")}`).join("; ")
    : undefined;
}
