/**
 * The SanitizeEmail round trip: upload a list (`POST /v1/api/filesupload/`), start its job
 * (`POST /v1/api/cleanemail/` or `POST /v1/api/email-validation/`), wait, and stream the results
 * CSV through the pre-signed link of the download endpoint. The upload stores the file; the work
 * starts only with the second call (https://docs.sanitizeemail.com/api-reference/endpoint/file_upload).
 */
import {
  redactStatus,
  multipart,
  notObject,
  processFile as runProcessFile,
  sendOnce,
  toUploadFile,
  type ApiClient,
  type FetchResult,
  type Processed,
  type ProcessOptions,
  type UploadHelpers,
  type UploadInput,
  type UploadStatus,
} from "@filestatus/core";
import type { components, paths } from "./generated/schema.ts";
import { columnError, jobNotStarted } from "./roundtrip-errors.ts";
import { downloadResults, type DownloadOptions } from "./roundtrip-results.ts";
import {
  checkEmailColumn,
  checkUploadOptions,
  FILE_TYPES,
  fileType,
  jobChecks,
  type UploadOptions,
} from "./roundtrip-options.ts";
import { toUploadStatus } from "./status.ts";

type UploadedFile = components["schemas"]["UploadedFile"];

/** What `processFile` takes: the upload's options and the round trip's deadline and polling. */
export interface ProcessFileOptions extends UploadOptions, ProcessOptions {}

export interface SanitizeEmailRoundTrip {
  /**
   * Uploads a CSV or XLSX list and starts its job; resolves with the new file's status (`queued`).
   * Sent at most once (see `mayHaveBeenAccepted` on its errors). When the API finds no email column
   * it rejects with an `ApiError` whose `availableColumns` lists the file's columns (pass one as
   * `emailColumn`); no job was started then.
   */
  upload(input: UploadInput, options: UploadOptions): Promise<UploadStatus>;
  /**
   * The results CSV of a finished job, its body streaming, fetched through the pre-signed link
   * the download endpoint answers (the link is a secret: never shown in errors). Not ready yet
   * (HTTP 409): an `ApiError` that says so.
   */
  downloadResults(id: string, options: DownloadOptions): Promise<Response>;
  /** upload → wait → results, under one deadline and one `onProgress`. */
  processFile(input: UploadInput, options: ProcessFileOptions): Promise<Processed<Response>>;
}

/** Why an upload answer is neither the file nor the column question. */
function uploadProblem(data: unknown): string | undefined {
  const problem = notObject(data, "the body");
  if (problem || Array.isArray((data as { available_columns?: unknown }).available_columns))
    return problem;
  return Number.isSafeInteger((data as { id?: unknown }).id) ? undefined : "id is not an integer";
}

export function sanitizeEmailRoundTrip(
  client: ApiClient<paths>,
  helpers: UploadHelpers,
): SanitizeEmailRoundTrip {
  async function startJob(file: UploadedFile, name: string, options: UploadOptions): Promise<void> {
    const { signal } = options;
    const checks = jobChecks(options);
    const body = { file_id: file.id, options: checks };
    const call: () => Promise<FetchResult> =
      options.job === "clean"
        ? () =>
            client.POST("/v1/api/cleanemail/", {
              body: { ...body, list_name: options.listName ?? name },
              signal,
            })
        : () =>
            client.POST("/v1/api/email-validation/", {
              body: { ...body, file_tag: "validate" },
              signal,
            });
    await sendOnce(client, name, call, {
      ...(signal && { signal }),
      expect: (d) => notObject(d, "the body"),
    });
  }

  async function upload(input: unknown, raw: UploadOptions): Promise<UploadStatus> {
    const options = checkUploadOptions(raw);
    const file = toUploadFile("sanitizeemail", input, options.filename);
    const type = fileType(file);
    if (options.emailColumn !== undefined && type === "csv")
      await checkEmailColumn(file, options.emailColumn);
    const name = options.name ?? file.name;
    const form = multipart(
      {
        name,
        is_file_organised: options.hasHeaderRow ?? true,
        file_tag: options.job,
        email_column: options.emailColumn?.trim(),
      },
      { field: "file", file, type: FILE_TYPES[type]! },
    );
    let response: Response | undefined;
    const data = await sendOnce(
      client,
      name,
      async (init) => {
        const result = await client.POST("/v1/api/filesupload/", {
          ...init!,
          signal: options.signal,
        });
        response = result.response;
        return result;
      },
      {
        form,
        ...(options.signal && { signal: options.signal }),
        ...(options.onProgress && { onProgress: options.onProgress }),
        expect: uploadProblem,
      },
    );
    if ("available_columns" in data)
      throw columnError(client, response!, data as Record<string, unknown>);
    const uploaded = data as UploadedFile;
    await startJob(uploaded, name, options).catch((error: unknown) => {
      throw jobNotStarted(error, uploaded.id);
    });
    return redactStatus(client, toUploadStatus(uploaded));
  }

  return {
    upload: (input, options) => upload(input, options),
    downloadResults: (id, options) => downloadResults(client, id, options),
    processFile: async (input, options) => {
      checkUploadOptions(options); // before the deadline starts
      return runProcessFile<Response>(
        client,
        {
          upload: (o) => upload(input, { ...options, ...o }),
          wait: (id, o) => helpers.waitForUpload(id, o),
          results: (status, o) => downloadResults(client, status.id, { ...o, job: options.job }),
        },
        options,
      );
    },
  };
}
