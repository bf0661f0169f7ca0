/**
 * HighLevel CSV upload `status` → {@link UploadStatus}. `STATES` holds the values
 * specs/highlevel.yaml documents as `CsvUploadStatus`, from HighLevel's Get Upload Status page
 * (https://marketplace.gohighlevel.com/docs/ghl/social-planner/get-upload-status/index.html), which
 * lists them without defining them: `in_progress`, `in_review` and `importing` are read as still
 * running, as their names say. Anything else maps to `unknown`.
 */
import {
  isRecord,
  mapState,
  notObject,
  notObjects,
  type UploadState,
  type UploadStatus,
} from "@filestatus/core";
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

/**
 * Why a list body is not a page of uploads. Lenient where the specs differ: `results.csvs` may be
 * one upload or an array of them, and a page without `results` lists nothing.
 */
export function listProblem(page: unknown): string | undefined {
  const problem = notObject(page, "the body");
  if (problem) return problem;
  const { results } = page as { results?: unknown };
  if (results === undefined) return undefined;
  if (!isRecord(results)) return notObject(results, "results");
  const { csvs } = results;
  return csvs === undefined || isRecord(csvs) ? undefined : notObjects(csvs, "results.csvs");
}
