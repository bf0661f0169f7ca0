/**
 * IPQS CSV `status` → {@link UploadStatus}. `STATES` holds the values specs/ipqs.yaml documents as
 * `CsvStatusValue`, from IPQS's Check CSV Status page
 * (https://www.ipqualityscore.com/documentation/csv-api/check-csv-status); anything else maps to
 * `unknown`. IPQS has no failed status: a CSV that failed says `aborted: true`, and has failed
 * whatever its status says.
 */
import {
  isRecord,
  mapState,
  notObject,
  notObjects,
  otherId,
  redactLink,
  type UploadState,
  type UploadStatus,
} from "@filestatus/core";
import type { components } from "./generated/schema.ts";

export const STATES: Readonly<Record<string, UploadState>> = {
  NEW: "queued",
  PROCESSING: "processing",
  FINISHED: "complete",
};

/** A CSV as the list, status and upload answers report it. */
export type IpqsCsv =
  | components["schemas"]["Csv"]
  | components["schemas"]["CsvStatusResponse"]
  | components["schemas"]["UploadCsvResponse"];

/**
 * `raw` keeps the CSV as IPQS sent it, except its `downloads` links: each works once without a key,
 * so they are secrets and appear as `redactLink` shows them. (`status_url` holds the API key, which
 * the helpers redact like every other credential.)
 */
export function toUploadStatus(csv: IpqsCsv): UploadStatus {
  const downloads = (csv as { downloads?: unknown }).downloads;
  const raw = isRecord(downloads)
    ? {
        ...csv,
        downloads: Object.fromEntries(
          Object.entries(downloads).map(([which, link]) => [
            which,
            typeof link === "string" ? redactLink(link) : link,
          ]),
        ),
      }
    : csv;
  return {
    provider: "ipqs",
    id: String(csv.id),
    ...(csv.file_name !== undefined && { name: csv.file_name }),
    state: csv.aborted === true ? "failed" : mapState(STATES, csv.status),
    raw,
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
