/**
 * Constant Contact library file `status` → {@link UploadStatus} (the table in PROVIDERS.md).
 */
import { mapState, type UploadState, type UploadStatus } from "@filestatus/core";
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
