/**
 * HighLevel CSV upload `status` → {@link UploadStatus} (the table in PROVIDERS.md).
 */
import { mapState, type UploadState, type UploadStatus } from "@filestatus/core";
import type { components } from "./generated/schema.ts";

type CsvUpload = components["schemas"]["CsvUpload"];

export const STATES: Readonly<Record<string, UploadState>> = {
  pending: "queued",
  in_progress: "processing",
  importing: "processing",
  in_review: "processing",
  completed: "complete",
  failed: "failed",
  deleted: "deleted",
};

/** `results.csvs` is one object in the 2021-07-28 spec and an array in real responses. */
export function csvsOf(csvs: CsvUpload | CsvUpload[] | undefined): CsvUpload[] {
  return csvs === undefined ? [] : Array.isArray(csvs) ? csvs : [csvs];
}

export function toUploadStatus(csv: CsvUpload): UploadStatus {
  return {
    provider: "highlevel",
    id: csv._id,
    ...(csv.fileName !== undefined && { name: csv.fileName }),
    state: mapState(STATES, csv.status),
    ...(csv.createdAt !== undefined && { createdAt: csv.createdAt }),
    raw: csv,
  };
}
