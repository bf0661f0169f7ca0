/**
 * SanitizeEmail file `status` → {@link UploadStatus}. `STATES` holds the values
 * specs/sanitizeemail.yaml documents as `KnownFileStatus`, from SanitizeEmail's View File Details
 * page (https://docs.sanitizeemail.com/api-reference/endpoint/view_file): `validated` and `cleaned`
 * both mean finished (validation or cleaning done). Anything else maps to `unknown`.
 */
import {
  mapState,
  notObject,
  notObjects,
  otherId,
  parsePercent,
  type UploadState,
  type UploadStatus,
} from "@filestatus/core";
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

/** Why a `/filesupload/{file_id}` body is not the file `id`. */
export function fileProblem(file: unknown, id: string): string | undefined {
  return notObject(file, "the body") ?? otherId((file as { id?: unknown }).id, id, "id");
}

/** Why a list body is not a page of files. */
export function listProblem(page: unknown): string | undefined {
  return (
    notObject(page, "the body") ?? notObjects((page as { results?: unknown }).results, "results")
  );
}
