/**
 * Constant Contact library file `status` → {@link UploadStatus}. `STATES` holds the values
 * specs/constantcontact.yaml documents as `FileUploadState`, from Constant Contact's official SDKs
 * (https://v2.developer.constantcontact.com/docs/mylibrary-files-api/file-upload-status.html):
 * `Uploaded` is not finished despite its name, and `VirusFound` is a failure. Anything else maps to
 * `unknown`.
 */
import { mapState, notObjects, type UploadState, type UploadStatus } from "@filestatus/core";
import type { components } from "./generated/schema.ts";

export const STATES: Readonly<Record<string, UploadState>> = {
  Uploaded: "queued",
  Processing: "processing",
  Active: "complete",
  Failed: "failed",
  VirusFound: "failed",
  Deleted: "deleted",
};

export function toUploadStatus(file: components["schemas"]["FileUploadStatus"]): UploadStatus {
  return {
    provider: "constantcontact",
    id: String(file.file_id),
    state: mapState(STATES, file.status),
    raw: file,
  };
}

/**
 * Why an upload-status body is not a list of files. `null` is one: the API's "no file matched".
 * File ids are strings or numbers (one official SDK sends numbers).
 */
export function filesProblem(files: unknown): string | undefined {
  if (files === null) return undefined;
  const problem = notObjects(files, "the body");
  if (problem) return problem;
  const ids = (files as { file_id?: unknown }[]).map((file) => file.file_id);
  const named = ids.every((id) => typeof id === "string" || typeof id === "number");
  return named ? undefined : "a file has no file_id";
}
