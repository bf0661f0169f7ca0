/**
 * The options of HighLevel's `upload`, in the API's own words (specs/highlevel.yaml
 * `SetAccountsRequest`, `FinalizeRequest`), checked before anything is sent.
 */
import {
  optionalText as checkText,
  notObject,
  toUploadFile,
  type RoundTripOptions,
  type UploadFile,
  type UploadInput,
} from "@filestatus/core";

export interface UploadOptions extends RoundTripOptions {
  /**
   * Required: the social accounts the posts are for, as `GET …/accounts` names them
   * (`<id>_<locationId>_<platformId>`); sent to `set-accounts`. At least one.
   */
  accountIds: readonly string[];
  /** The user the import is made for (`set-accounts` and finalize `userId`; HighLevel's v3 spec requires it). */
  userId?: string;
  /** The user who reviews the posts before they are scheduled (`set-accounts` `approver`). */
  approver?: string;
  /**
   * Finalize the import, which schedules its posts (default `true`). `false` leaves it `pending`
   * for review: read its posts with `csvImport`, drop bad ones with `deletePost`, then finalize
   * it with `client.PATCH("/social-media-posting/{locationId}/csv/{id}", …)`.
   */
  finalize?: boolean;
  /** The file name sent, which names the import; a `File`'s own name, else `upload.csv`. */
  filename?: string;
}

/** The checked options and file of one upload. */
export interface CheckedUpload {
  file: UploadFile;
  accountIds: string[];
  userId: string | undefined;
  approver: string | undefined;
  finalize: boolean;
}

const OWNER = "@filestatus/highlevel";

/** HighLevel reads CSV and XLSX files (S3 `fileType`) and refuses others (`CSV_UNSUPPORTED_EXTENSION`). */
const EXTENSIONS = /\.(csv|xlsx)$/i;

/** The MIME type of the file part, by extension. */
export const fileType = (name: string): string =>
  /\.xlsx$/i.test(name)
    ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    : "text/csv";

const optionalText = (name: string, value: unknown) => checkText(OWNER, name, value);

function accountIdsOf(value: unknown): string[] {
  if (!Array.isArray(value) || value.length === 0)
    throw new TypeError(
      `${OWNER}: accountIds is required: a non-empty array of the social account ids to post to`,
    );
  if (!value.every((id) => typeof id === "string" && id.trim() !== ""))
    throw new TypeError(`${OWNER}: every one of accountIds must be a non-empty string`);
  return [...value];
}

/** The upload's options and file, or a TypeError/RangeError naming what is wrong; nothing is sent. */
export function checkUpload(input: UploadInput, options: UploadOptions): CheckedUpload {
  if (typeof options !== "object" || options === null)
    throw new TypeError(`${OWNER}: upload needs options with accountIds`);
  const accountIds = accountIdsOf(options.accountIds);
  const userId = optionalText("userId", options.userId);
  const approver = optionalText("approver", options.approver);
  if (options.finalize !== undefined && typeof options.finalize !== "boolean")
    throw new TypeError(`${OWNER}: finalize must be true or false`);
  const file = toUploadFile("highlevel", input, options.filename);
  if (!EXTENSIONS.test(file.name))
    throw new RangeError(
      `${OWNER}: HighLevel imports .csv and .xlsx files only, not ${JSON.stringify(file.name)} (set filename); nothing was sent`,
    );
  return { file, accountIds, userId, approver, finalize: options.finalize ?? true };
}

/** Why an upload-csv answer does not name the stored file set-accounts needs. */
export function uploadedProblem(body: unknown): string | undefined {
  const problem = notObject(body, "the body") ?? notObject((body as Answer).results, "results");
  if (problem) return problem;
  const { filePath, rowsCount, fileName } = (body as Required<Answer>).results;
  if (typeof filePath !== "string" || filePath === "") return "results.filePath is missing";
  if (typeof rowsCount !== "number") return "results.rowsCount is not a number";
  return typeof fileName === "string" ? undefined : "results.fileName is not a string";
}

type Answer = { results?: { filePath?: unknown; rowsCount?: unknown; fileName?: unknown } };
