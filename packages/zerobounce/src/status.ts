/**
 * ZeroBounce `file_status` → {@link UploadStatus}. `STATES` holds the values specs/zerobounce.yaml
 * documents as `FileProcessingStatus`, from ZeroBounce's File Status pages
 * (https://www.zerobounce.net/docs/email-validation-api-quickstart/v2-file-status): `In Progress`
 * and `Processing` both mean still running. ZeroBounce publishes no closed list, so anything else
 * maps to `unknown`.
 */
import {
  mapState,
  notObject,
  otherId,
  parsePercent,
  type UploadState,
  type UploadStatus,
} from "@filestatus/core";
import type { components } from "./generated/schema.ts";

export const STATES: Readonly<Record<string, UploadState>> = {
  Queued: "queued",
  "In Progress": "processing",
  Processing: "processing",
  Complete: "complete",
  Failed: "failed",
  Deleted: "deleted",
};

export function toUploadStatus(file: components["schemas"]["FileStatus"]): UploadStatus {
  const progress = parsePercent(file.complete_percentage);
  return {
    provider: "zerobounce",
    id: file.file_id,
    ...(file.file_name !== undefined && { name: file.file_name }),
    state: mapState(STATES, file.file_status),
    ...(progress !== undefined && { progress }),
    ...(file.upload_date !== undefined && { createdAt: file.upload_date }),
    raw: file,
  };
}

/** Why a `/v2/filestatus` body is not the status of the file `id` (a `[]` is not one, ever). */
export function fileProblem(file: unknown, id: string): string | undefined {
  return (
    notObject(file, "the body") ?? otherId((file as { file_id?: unknown }).file_id, id, "file_id")
  );
}
