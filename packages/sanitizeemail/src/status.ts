/**
 * SanitizeEmail file `status` → {@link UploadStatus} (the table in PROVIDERS.md).
 */
import { mapState, parsePercent, type UploadState, type UploadStatus } from "@filestatus/core";
import type { components } from "./generated/schema.ts";

export const STATES: Readonly<Record<string, UploadState>> = {
  pending: "queued",
  processing: "processing",
  validated: "complete",
  cleaned: "complete",
  failed: "failed",
};

export function toUploadStatus(file: components["schemas"]["UploadedFile"]): UploadStatus {
  const progress = parsePercent(file.progress_percentage);
  const name = file.name ?? file.file_name;
  return {
    provider: "sanitizeemail",
    id: String(file.id),
    ...(name !== undefined && { name }),
    state: mapState(STATES, file.status),
    ...(progress !== undefined && { progress }),
    ...(file.created_date !== undefined && { createdAt: file.created_date }),
    raw: file,
  };
}
