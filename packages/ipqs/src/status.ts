/**
 * IPQS CSV `status` → {@link UploadStatus} (the table in PROVIDERS.md). A CSV that was aborted
 * has failed whatever its status says.
 */
import {
  mapState,
  notObject,
  notObjects,
  otherId,
  type UploadState,
  type UploadStatus,
} from "@filestatus/core";
import type { components } from "./generated/schema.ts";

export const STATES: Readonly<Record<string, UploadState>> = {
  NEW: "queued",
  PROCESSING: "processing",
  FINISHED: "complete",
};

export function toUploadStatus(csv: components["schemas"]["Csv"]): UploadStatus {
  return {
    provider: "ipqs",
    id: String(csv.id),
    ...(csv.file_name !== undefined && { name: csv.file_name }),
    state: csv.aborted === true ? "failed" : mapState(STATES, csv.status),
    raw: csv,
  };
}

/** Why a `/status/{csvId}` body is not the CSV `id`. */
export function csvProblem(csv: unknown, id: string): string | undefined {
  return notObject(csv, "the body") ?? otherId((csv as { id?: unknown }).id, id, "id");
}

/** Why a `/list` body is not a page of CSVs. */
export function listProblem(page: unknown): string | undefined {
  return notObject(page, "the body") ?? notObjects((page as { csvs?: unknown }).csvs, "csvs");
}
