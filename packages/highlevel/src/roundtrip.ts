/**
 * HighLevel's round trip: `upload` sends the file (`POST …/csv`), assigns it to social accounts
 * (`POST …/set-accounts`, which creates the import) and finalizes it (`PATCH …/csv/{id}`, which
 * schedules its posts); `processFile` then waits for the import and reads it with its posts.
 * Each POST and PATCH is sent at most once (core `sendOnce`).
 */
import {
  FilestatusError,
  multipart,
  processFile as runRoundTrip,
  sendOnce,
  UploadNotFoundError,
  type ApiClient,
  type ProcessOptions,
  type Processed,
  type RoundTripOptions,
  type UploadHelpers,
  type UploadInput,
  type UploadStatus,
  type WithDefaultHeaders,
} from "@filestatus/core";
import type { paths } from "./generated/schema.ts";
import type { HighLevelHelpers } from "./helpers.ts";
import type { CsvImport, ImportHelpers } from "./imports.ts";
import {
  checkUpload,
  fileType,
  uploadedProblem,
  type CheckedUpload,
  type UploadOptions,
} from "./upload-options.ts";

type HighLevelClient = ApiClient<WithDefaultHeaders<paths, "Version">>;

/** Options of `processFile`: the upload's, and the deadline and poll interval of the whole trip. */
export interface ProcessFileOptions
  extends UploadOptions, Omit<ProcessOptions, keyof RoundTripOptions> {}

export interface RoundTripHelpers {
  /**
   * Uploads a CSV of posts and imports it for `accountIds`; resolves the new import's status
   * (`queued`: HighLevel says `pending`). With `finalize: false` it stays pending for review.
   * An error after the file was sent says which step failed and carries `mayHaveBeenAccepted`.
   */
  upload(input: UploadInput, options: UploadOptions): Promise<UploadStatus>;
  /** Upload → wait until the import completes → the import with all its posts. */
  processFile(input: UploadInput, options: ProcessFileOptions): Promise<Processed<CsvImport>>;
}

/** How many of the newest imports are searched for the new one when set-accounts names none (S2). */
export const FIND_AMONG = 50;

const BASE = "/social-media-posting/{locationId}";

/**
 * `error` saying which step failed, with `mayHaveBeenAccepted` as that step knows it. sendOnce
 * marks an error for the one request it sent, for good; once set-accounts has created the import
 * it exists whatever a later request says, so such an error is restated as a copy.
 */
function restate(
  client: HighLevelClient,
  error: unknown,
  step: string,
  hint: string,
  accepted?: boolean,
): unknown {
  if (!(error instanceof FilestatusError)) return error;
  const verdict = accepted ?? error.mayHaveBeenAccepted ?? false;
  // The hint holds names the caller chose (a file name): redacted like every message.
  const message = `highlevel: ${step} failed ${client.redact(hint)}: ${error.message}`;
  return Object.create(Object.getPrototypeOf(error), {
    ...Object.getOwnPropertyDescriptors(error),
    message: { value: message, writable: true, configurable: true },
    mayHaveBeenAccepted: { value: verdict, enumerable: true },
  });
}

export function roundTripHelpers(
  client: HighLevelClient,
  location: () => string,
  helpers: UploadHelpers & HighLevelHelpers & ImportHelpers,
): RoundTripHelpers {
  /** The newest import named `fileName`: where set-accounts answers without `csvId` (S2). */
  /**
   * The import set-accounts made from the stored file `filePath`: the newest of that name, skipping
   * one that names another stored file (`file` holds a path: an older import of the same name,
   * listed while the new one is not yet).
   */
  async function findImport(
    fileName: string,
    filePath: string,
    signal: AbortSignal | undefined,
  ): Promise<string> {
    let seen = 0;
    for await (const status of helpers.uploads({ limit: FIND_AMONG }, { signal })) {
      const file = (status.raw as { file?: unknown } | undefined)?.file;
      const another = typeof file === "string" && file.includes("/") && file !== filePath;
      if (status.name === fileName && !another) return status.id;
      if (++seen >= FIND_AMONG) break;
    }
    const detail = `is not among the newest ${FIND_AMONG} imports`;
    const id = client.redact(JSON.stringify(fileName));
    throw new UploadNotFoundError({ provider: "highlevel", id, detail });
  }

  /** upload-csv, then set-accounts: the new import's id. */
  async function createImport(checked: CheckedUpload, options: RoundTripOptions): Promise<string> {
    const { file } = checked;
    const { signal, onProgress } = options;
    const params = { path: { locationId: location() } };
    const form = multipart({}, { field: "file", file, type: fileType(file.name) });
    const uploaded = await sendOnce(
      client,
      file.name,
      (init) => client.POST(`${BASE}/csv`, { params, ...init!, signal }),
      { form, signal, ...(onProgress && { onProgress }), expect: uploadedProblem },
    );
    const { filePath, rowsCount, fileName } = uploaded.results!;
    const body = {
      accountIds: checked.accountIds,
      filePath,
      rowsCount,
      fileName,
      ...(checked.approver !== undefined && { approver: checked.approver }),
      ...(checked.userId !== undefined && { userId: checked.userId }),
    };
    const setAccounts = () => client.POST(`${BASE}/set-accounts`, { params, body, signal });
    const set = await sendOnce(client, fileName, setAccounts, { signal }).catch((error) => {
      throw restate(
        client,
        error,
        "set-accounts",
        `after the file was uploaded (filePath ${filePath})`,
      );
    });
    const csvId = set.results?.csvId;
    if (typeof csvId === "string" && csvId !== "") return csvId;
    return findImport(fileName, filePath, signal).catch((error) => {
      const hint = `after set-accounts created the import of ${JSON.stringify(fileName)} (look for it with uploads() before uploading again)`;
      throw restate(client, error, "finding the new import", hint, true);
    });
  }

  async function upload(input: UploadInput, options: UploadOptions): Promise<UploadStatus> {
    const checked = checkUpload(input, options);
    const locationId = location();
    const { signal } = options;
    const csvId = await createImport(checked, options);
    if (checked.finalize) {
      const params = { path: { locationId, id: csvId } };
      const body = checked.userId !== undefined ? { userId: checked.userId } : {};
      const finalize = () => client.PATCH(`${BASE}/csv/{id}`, { params, body, signal });
      await sendOnce(client, checked.file.name, finalize, { signal }).catch((error) => {
        const hint = `(import ${csvId} exists, maybe not finalized: finalize it or deleteUpload("${csvId}") instead of uploading again)`;
        throw restate(client, error, "finalize", hint, true);
      });
    }
    return helpers.uploadStatus(csvId, { signal }).catch((error) => {
      const hint = `(import ${csvId} exists: ask uploadStatus("${csvId}") again)`;
      throw restate(client, error, "reading the new import's status", hint, true);
    });
  }

  async function processFile(
    input: UploadInput,
    options: ProcessFileOptions,
  ): Promise<Processed<CsvImport>> {
    checkUpload(input, options);
    if (options.finalize === false)
      throw new TypeError(
        "@filestatus/highlevel: processFile finalizes the import (finalize: false would wait forever); use upload to review it first",
      );
    return runRoundTrip(
      client,
      {
        upload: (o) => upload(input, { ...options, ...o }),
        wait: (id, o) => helpers.waitForUpload(id, o),
        results: (status, o) => helpers.csvImport(status.id, o),
      },
      options,
    );
  }

  return { upload, processFile };
}
