/**
 * The round trip: `sendfile` → `filestatus` → `getfile` (and `deletefile`), for validation or,
 * with `scoring: true`, for A.I. scoring (specs/zerobounce.yaml). An upload is sent at most once,
 * the results stream, and every option is checked before anything is sent.
 */
import {
  headerFields,
  optionsObject,
  multipart,
  processFile,
  redactStatus,
  requireId,
  sendOnce,
  streamedResults,
  toUploadFile,
  type ApiClient,
  type FieldValue,
  type Processed,
  type SuccessFalseAsError,
  type UploadFile,
  type UploadHelpers,
  type UploadInput,
  type UploadStatus,
} from "@filestatus/core";
import type { components, paths } from "./generated/schema.ts";
import {
  COLUMNS,
  downloadQuery,
  uploadFields,
  type DeleteOptions,
  type DownloadOptions,
  type ProcessFileOptions,
  type UploadOptions,
} from "./roundtrip-options.ts";

const OWNER = "@filestatus/zerobounce";

/** What `getfile` answers: the results file (either type the SDKs have seen), or a JSON error. */
const RESULTS_ACCEPT = { Accept: "application/octet-stream, text/csv, application/json;q=0.5" };

/** What `deletefile` answers when the file is gone. */
export type DeletedFile = components["schemas"]["FileDeleted"];

/** The round-trip helpers of a ZeroBounce client. */
export interface RoundTrip {
  /**
   * Sends a file to `/v2/sendfile` (`/v2/scoring/sendfile` with `scoring: true`) and resolves with
   * the new upload's status (`queued`), read from the answer. Sent at most once: an error after
   * the file may have arrived carries `mayHaveBeenAccepted: true`.
   */
  upload(input: UploadInput, options: UploadOptions): Promise<UploadStatus>;
  /**
   * The results of a `Complete` file (`getfile`), as a `Response` whose body streams the CSV.
   * `ApiError` when ZeroBounce answers JSON instead (`File not ready`, `File deleted.`, …, sent
   * with HTTP 200).
   */
  downloadResults(id: string, options?: DownloadOptions): Promise<Response>;
  /**
   * Deletes a `Complete` file and its results (`deletefile`); `ApiError` with ZeroBounce's message
   * otherwise (`File cannot be found.`).
   */
  deleteUpload(id: string, options?: DeleteOptions): Promise<DeletedFile>;
  /**
   * `upload`, then waits until the file is complete (on `/v2/scoring/filestatus` with
   * `scoring: true`), then `downloadResults`, under one `timeoutMs` and one `onProgress`.
   */
  processFile(input: UploadInput, options: ProcessFileOptions): Promise<Processed<Response>>;
}

type ZbClient = ApiClient<SuccessFalseAsError<paths>>;

/** The file, its name checked against what ZeroBounce accepts (the send-file page: csv or txt). */
function uploadFile(input: UploadInput, filename: string | undefined): UploadFile {
  const file = toUploadFile("zerobounce", input, filename);
  if (!/\.(csv|txt)$/i.test(file.name))
    throw new TypeError(
      `${OWNER}: ZeroBounce accepts .csv and .txt files; name the file with filename (got ${JSON.stringify(file.name)})`,
    );
  return file;
}

/** A `RangeError` for a column beyond the file's first line, before anything is sent. */
async function checkColumns(file: UploadFile, fields: Record<string, FieldValue>): Promise<void> {
  const width = (await headerFields(file)).length;
  for (const [option, field] of Object.entries(COLUMNS)) {
    const column = fields[field];
    if (typeof column === "number" && column > width)
      throw new RangeError(
        `${OWNER}: ${option} is ${column} but the file's first line has ${width} column${width === 1 ? "" : "s"} (columns count from 1); nothing was sent`,
      );
  }
}

/** Why a `sendfile` answer is not an accepted file. */
const acceptedProblem = (data: unknown): string | undefined =>
  typeof (data as { file_id?: unknown })?.file_id === "string" &&
  (data as { file_id: string }).file_id !== ""
    ? undefined
    : "the answer has no file_id";

export function roundTrip(
  client: ZbClient,
  helpers: { validation: UploadHelpers; scoring: UploadHelpers },
): RoundTrip {
  const upload: RoundTrip["upload"] = async (input, options) => {
    optionsObject(OWNER, "upload", options);
    const fields = uploadFields(options);
    const file = uploadFile(input, options.filename);
    await checkColumns(file, fields);
    const type = /\.txt$/i.test(file.name) ? "text/plain" : "text/csv";
    const form = multipart(fields, { field: "file", file, type });
    const path = options.scoring ? "/v2/scoring/sendfile" : "/v2/sendfile";
    const { signal, onProgress } = options;
    const data = await sendOnce(
      client,
      file.name,
      (init) => client.POST(path, { ...init!, ...(signal && { signal }) }),
      {
        form,
        expect: acceptedProblem,
        ...(signal && { signal }),
        ...(onProgress && { onProgress }),
      },
    );
    const status: UploadStatus = {
      provider: "zerobounce",
      id: data.file_id,
      name: data.file_name ?? file.name,
      state: "queued",
      raw: data,
    };
    return redactStatus(client, status);
  };

  const downloadResults: RoundTrip["downloadResults"] = async (id, options = {}) => {
    requireId("zerobounce", id);
    optionsObject(OWNER, "downloadResults", options);
    const query = { file_id: id, ...downloadQuery(options) };
    const init = { headers: RESULTS_ACCEPT, parseAs: "stream", signal: options.signal } as const;
    const call = options.scoring
      ? client.GET("/v2/scoring/getfile", { params: { query }, ...init })
      : client.GET("/v2/getfile", { params: { query }, ...init });
    return streamedResults(client, call, options);
  };

  const deleteUpload: RoundTrip["deleteUpload"] = async (id, options = {}) => {
    requireId("zerobounce", id);
    optionsObject(OWNER, "deleteUpload", options);
    const params = { query: { file_id: id } };
    const { signal } = options;
    const call = options.scoring
      ? client.GET("/v2/scoring/deletefile", { params, signal })
      : client.GET("/v2/deletefile", { params, signal });
    return client.unwrap(call);
  };

  return {
    upload,
    downloadResults,
    deleteUpload,
    processFile: async (input, options) => {
      optionsObject(OWNER, "processFile", options);
      const { signal: _s, onProgress: _p, timeoutMs: _t, intervalMs: _i, ...sending } = options;
      const { downloadType, activityData, ...uploading } = sending;
      const download = { scoring: options.scoring, downloadType, activityData };
      // Checked before the upload: a bad download option must not cost the credits of a file.
      uploadFields(uploading);
      downloadQuery(download);
      const { waitForUpload } = options.scoring ? helpers.scoring : helpers.validation;
      return processFile(
        client,
        {
          upload: (o) => upload(input, { ...uploading, ...o }),
          wait: (id, o) => waitForUpload(id, o),
          results: (status, o) => downloadResults(status.id, { ...download, ...o }),
        },
        options,
      );
    },
  };
}
