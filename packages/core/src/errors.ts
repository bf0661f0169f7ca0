/**
 * Error classes. Every message, body and header they carry is redacted before construction, so
 * `error.message`, `error.stack` and `JSON.stringify(error)` are safe to log.
 *
 * The `is` guards check a brand registered with `Symbol.for`, not `instanceof`, so they hold across
 * two copies of this package and across realms.
 */

const BRAND: unique symbol = Symbol.for("@filestatus/core/error");

/** Each class of this package; the upload errors live in upload-errors.ts. */
export type ErrorKind =
  "ApiError" | "ConnectionError" | "TimeoutError" | "UploadFailedError" | "UploadNotFoundError";

export function isKind(value: unknown, kind: ErrorKind): boolean {
  return (
    typeof value === "object" && value !== null && (value as { [BRAND]?: unknown })[BRAND] === kind
  );
}

/** Fields shared by every error of this package. */
export abstract class FilestatusError extends Error {
  /** Provider package that raised the error, e.g. `"zerobounce"`. */
  declare readonly provider: string;
  /** HTTP method of the request. */
  declare readonly method: string;
  /** Request URL with every secret replaced by `***`. */
  declare readonly url: string;
  /**
   * Set by `upload` and `processFile`: `true` when the upload may have reached the provider before
   * this error (a timeout or reset after sending), so sending it again could pay twice; `false`
   * when the provider surely did not take it. Absent on errors of other calls.
   */
  declare readonly mayHaveBeenAccepted?: boolean;

  constructor(
    kind: ErrorKind,
    message: string,
    init: { provider: string; method: string; url: string; cause?: unknown },
    fields: object = {},
  ) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    Object.defineProperty(this, BRAND, { value: kind });
    Object.assign(
      this,
      { name: kind, provider: init.provider, method: init.method, url: init.url },
      fields,
    );
  }

  /** The error's own fields, all redacted already, plus its name and message. */
  toJSON(): Record<string, unknown> {
    return { ...(this as object), message: this.message };
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
  declare readonly name: "ApiError";
  declare readonly status: number;
  declare readonly providerMessage: string | undefined;
  declare readonly body: unknown;
  declare readonly headers: Record<string, string>;
  declare readonly requestId: string | undefined;
  declare readonly retryAfterMs: number | undefined;

  constructor(init: ApiErrorInit) {
    const detail = init.providerMessage ? `: ${init.providerMessage}` : "";
    super(
      "ApiError",
      `${init.provider}: HTTP ${init.status} from ${init.method} ${init.url}${detail}`,
      init,
      {
        status: init.status,
        providerMessage: init.providerMessage,
        body: init.body,
        headers: init.headers ?? {},
        requestId: init.requestId,
        retryAfterMs: init.retryAfterMs,
      },
    );
  }

  static is(value: unknown): value is ApiError {
    return isKind(value, "ApiError");
  }
}

/**
 * The request never got an HTTP answer (DNS, refused or reset connection, TLS), or a streamed body
 * was cut off mid-way.
 */
export class ConnectionError extends FilestatusError {
  declare readonly name: "ConnectionError";

  constructor(init: {
    provider: string;
    method: string;
    url: string;
    cause?: unknown;
    message?: string;
  }) {
    super(
      "ConnectionError",
      init.message ??
        `${init.provider}: ${init.method} ${init.url} failed before a response arrived`,
      init,
    );
  }

  static is(value: unknown): value is ConnectionError {
    return isKind(value, "ConnectionError");
  }
}

/**
 * Time ran out: a request attempt outlived `timeoutMs` (after any retries), or `waitForUpload` did
 * not see the upload finish within its `timeoutMs` (then `lastStatus` is what it saw last).
 */
export class TimeoutError extends FilestatusError {
  declare readonly name: "TimeoutError";
  declare readonly timeoutMs: number;
  declare readonly lastStatus: unknown;

  constructor(init: {
    provider: string;
    method: string;
    url: string;
    timeoutMs: number;
    cause?: unknown;
    message?: string;
    lastStatus?: unknown;
  }) {
    const message =
      init.message ??
      `${init.provider}: ${init.method} ${init.url} timed out after ${init.timeoutMs} ms`;
    super("TimeoutError", message, init, {
      timeoutMs: init.timeoutMs,
      lastStatus: init.lastStatus,
    });
  }

  static is(value: unknown): value is TimeoutError {
    return isKind(value, "TimeoutError");
  }
}
