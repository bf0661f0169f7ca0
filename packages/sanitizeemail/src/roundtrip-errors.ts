/**
 * The errors of a SanitizeEmail upload that need more than an `ApiError`: the "requires email
 * column selection" answer (HTTP 200, https://docs.sanitizeemail.com/api-reference/endpoint/file_upload)
 * and a job that may not have started after its file was stored.
 */
import { ApiError, FilestatusError, type ApiClient } from "@filestatus/core";

/** An {@link ApiError} for the "requires email column selection" answer. */
export interface EmailColumnError extends ApiError {
  /** The file's columns, as the API lists them (`available_columns`). */
  readonly availableColumns: string[];
}

/** True for the error `upload` rejects with when the API needs `emailColumn`. */
export function isEmailColumnError(error: unknown): error is EmailColumnError {
  return (
    ApiError.is(error) && Array.isArray((error as { availableColumns?: unknown }).availableColumns)
  );
}

/** The column question as an error that lists the columns and says what to pass. */
export function columnError(
  client: ApiClient<{}>,
  response: Response,
  body: Record<string, unknown>,
): EmailColumnError {
  const columns = (body.available_columns as unknown[]).map(String);
  const list = columns.map((c) => JSON.stringify(c)).join(", ");
  const error = client.unexpected(
    response,
    `SanitizeEmail found no email column; pass emailColumn, one of: ${list} (no job was started)`,
    body,
  );
  // The file is stored but no job started: sending it again with `emailColumn` is the documented
  // way on, and costs nothing twice.
  return Object.defineProperties(error, {
    availableColumns: { value: columns, enumerable: true },
    mayHaveBeenAccepted: { value: false, enumerable: true },
  }) as EmailColumnError;
}

/**
 * An error of the job's start with the stored file's id (`uploadId`): the file is there, its job
 * may not be (with `mayHaveBeenAccepted: true` it may have started).
 */
export function jobNotStarted(error: unknown, id: number): unknown {
  if (!(error instanceof FilestatusError)) return error;
  const note = `; the file was uploaded as ${id}, but its job may not have started`;
  Object.defineProperty(error, "message", { value: error.message + note });
  return Object.defineProperty(error, "uploadId", { value: String(id), enumerable: true });
}
