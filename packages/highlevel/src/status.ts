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

/** The import's id: `_id` in the 2021-07-28 spec and the SDK, `id` in the v3 spec. */
export function importId(csv: CsvUpload): string {
  return csv._id ?? csv.id ?? "";
}

export function toUploadStatus(csv: CsvUpload): UploadStatus {
  return {
    provider: "highlevel",
    id: importId(csv),
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
  if (csvs === undefined) return undefined;
  const shape = isRecord(csvs) ? undefined : notObjects(csvs, "results.csvs");
  return (
    shape ??
    csvsOf(csvs as CsvUpload)
      .map(idProblem)
      .find(Boolean)
  );
}

/** Why an import object names no import: neither `_id` nor `id` is a non-empty string. */
export function idProblem(csv: CsvUpload, index = 0): string | undefined {
  const ok = (v: unknown) => typeof v === "string" && v !== "";
  return ok(csv._id) || ok(csv.id) ? undefined : `import ${index} has neither _id nor id`;
}
