/**
 * The round trip on Constant Contact v2 MyLibrary: add a file (multipart `POST /v2/library/files`),
 * wait while the server virus-scans it (upload status), then read the file with its hosted `url`.
 * The upload answers with no body: the new id is the last path segment of `Location` (.NET, Ruby)
 * or the `Id` header (PHP), with 200, 201 or 202 (specs/constantcontact.yaml `addLibraryFile`).
 */
import {
  multipart,
  processFile as roundTrip,
  redactDeep,
  requireId,
  sendOnce,
  type ApiClient,
  type FetchResult,
  type FormInit,
  type Processed,
  type ProcessOptions,
  type RequestOptions,
  type RoundTripOptions,
  type UploadHelpers,
  type UploadInput,
  type UploadStatus,
} from "@filestatus/core";
import type { paths } from "./generated/schema.ts";
import type { LibraryFile, LibraryHelpers } from "./library.ts";
import { checkUpload, type UploadOptions } from "./upload-options.ts";

/** What the upload answer says: its HTTP status and the headers that name the new file. */
export interface UploadAnswer {
  httpStatus: number;
  /** The new file's id, from `Id` or the last path segment of `Location`; "" when neither names one. */
  id: string;
  location?: string;
}

export interface ProcessFileOptions extends UploadOptions, ProcessOptions {}

export interface RoundTripHelpers {
  /**
   * Adds `input` (an image or document) to the Library, after checking the options and the size
   * against the account's `max_upload_size_limit` (asked once per client). Sent at most once.
   * Resolves with the new file's status without another request: `queued`, since every file is
   * virus-scanned after it is accepted (`raw` is the {@link UploadAnswer}).
   */
  upload(input: UploadInput, options?: UploadOptions): Promise<UploadStatus>;
  /**
   * Upload, wait until the file is `Active` (`UploadFailedError` for `VirusFound` or `Failed`),
   * then read it: `results` is the file, its `url` where it is hosted.
   */
  processFile(input: UploadInput, options?: ProcessFileOptions): Promise<Processed<LibraryFile>>;
  /** Deletes the file (`DELETE /v2/library/files/{fileId}`, 204): it moves to the Trash and its status becomes `Deleted`. */
  deleteUpload(id: string, options?: RequestOptions): Promise<void>;
}

/** The id a successful upload answer names: `Id`, else the last segment of `Location`. */
export function idFromHeaders(headers: Headers): string {
  const id = headers.get("id")?.trim();
  if (id) return id;
  const location = headers.get("location");
  if (!location) return "";
  let segments: string[];
  try {
    segments = new URL(location, "http://base.invalid").pathname.split("/").filter(Boolean);
  } catch {
    return "";
  }
  const last = segments.at(-1) ?? "";
  // A Location naming the collection itself names no file.
  if (last === "" || last === "files") return "";
  try {
    return decodeURIComponent(last);
  } catch {
    return "";
  }
}

/** `result` with the headers of a successful (bodiless) answer as its data. */
function answerOf(result: FetchResult): FetchResult<UploadAnswer> {
  const { error, response } = result;
  if (error !== undefined || !response.ok) return result as FetchResult<UploadAnswer>;
  const location = response.headers.get("location") ?? undefined;
  const data: UploadAnswer = {
    httpStatus: response.status,
    id: idFromHeaders(response.headers),
    ...(location !== undefined && { location }),
  };
  return { data, response };
}

export function roundTripHelpers(
  client: ApiClient<paths>,
  helpers: UploadHelpers & LibraryHelpers,
  uploadLimit: (signal?: AbortSignal) => Promise<number>,
): RoundTripHelpers {
  const upload = async (input: unknown, options: UploadOptions = {}): Promise<UploadStatus> => {
    const { file, mime, fields } = checkUpload(input, options);
    const { signal } = options;
    const limit = await uploadLimit(signal);
    if (file.size > limit)
      throw new RangeError(
        `@filestatus/constantcontact: the file is ${file.size} bytes, over the account's max_upload_size_limit of ${limit} bytes (GET /v2/library/info); nothing was uploaded`,
      );
    const form = multipart(fields, { field: "data", file, type: mime });
    const send = async (init: FormInit | undefined) =>
      answerOf(await client.POST("/v2/library/files", { ...init!, signal }));
    const answer = await sendOnce(client, file.name, send, {
      form,
      signal,
      ...(options.onProgress && { onProgress: options.onProgress }),
      expect: (data) =>
        data.id ? undefined : "neither an Id nor a Location header names the new file",
    });
    return {
      provider: "constantcontact",
      id: answer.id,
      name: file.name,
      state: "queued",
      raw: redactDeep(answer, client.redact),
    };
  };

  const processFile = (input: unknown, options: ProcessFileOptions = {}) => {
    const { onProgress } = options;
    return roundTrip<LibraryFile>(
      client,
      {
        upload: (step: RoundTripOptions) => upload(input, { ...options, ...step }),
        wait: (id, wait) => helpers.waitForUpload(id, wait),
        // The results are the file object: one small JSON read, reported as it starts and ends.
        results: async (status, step) => {
          await onProgress?.({ phase: "downloading", progress: 0 });
          const found = await helpers.file(status.id, step);
          await onProgress?.({ phase: "downloading", progress: 100 });
          return found;
        },
      },
      options,
    );
  };

  const deleteUpload = async (id: string, { signal }: RequestOptions = {}): Promise<void> => {
    const fileId = requireId("constantcontact", id);
    const result = await client.DELETE("/v2/library/files/{fileId}", {
      params: { path: { fileId } },
      signal,
    });
    // 204 has no body, which unwrap would call empty; only an error answer is unwrapped.
    if (result.error !== undefined || !result.response.ok) await client.unwrap(result);
  };

  return { upload, processFile, deleteUpload };
}
