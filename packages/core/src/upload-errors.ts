/**
 * Errors about an upload rather than a request: it ended badly, or it is not where the helpers
 * looked. Same brand and redaction rules as errors.ts.
 */
import { FilestatusError, isKind } from "./errors.ts";
import type { UploadStatus } from "./upload-status.ts";

/** `waitForUpload` saw the upload end as `failed` or `deleted`; `status` is that last status. */
export class UploadFailedError extends FilestatusError {
  declare readonly name: "UploadFailedError";
  declare readonly status: UploadStatus;

  constructor(init: { provider: string; status: UploadStatus }) {
    const { id, name, state } = init.status;
    const message = `${init.provider}: upload ${name ? `${id} (${name})` : id} ended as ${state}`;
    super(
      "UploadFailedError",
      message,
      { provider: init.provider, method: "GET", url: "" },
      { status: init.status },
    );
  }

  static is(value: unknown): value is UploadFailedError {
    return isKind(value, "UploadFailedError");
  }
}

/**
 * The upload is not where the helpers can see it: Constant Contact matched no file, or a list
 * provider does not hold it among the uploads searched. Not an HTTP status: the server answered.
 */
export class UploadNotFoundError extends FilestatusError {
  declare readonly name: "UploadNotFoundError";
  declare readonly id: string;

  /** `detail` finishes the sentence "upload <id> …" (default: "was not found"). */
  constructor(init: { provider: string; id: string; detail?: string }) {
    super(
      "UploadNotFoundError",
      `${init.provider}: upload ${init.id} ${init.detail ?? "was not found"}`,
      { provider: init.provider, method: "GET", url: "" },
      { id: init.id },
    );
  }

  static is(value: unknown): value is UploadNotFoundError {
    return isKind(value, "UploadNotFoundError");
  }
}
