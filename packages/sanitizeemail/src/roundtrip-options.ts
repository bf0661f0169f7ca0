/**
 * The options of the SanitizeEmail round trip, in the API's own words, and their checks: every one
 * is checked before anything is sent (a `TypeError` or `RangeError` naming the option).
 * Sources: https://docs.sanitizeemail.com/api-reference/endpoint/file_upload, …/clean_list,
 * …/validate_emails.
 */
import {
  headerFields,
  optionalText as checkText,
  type RoundTripOptions,
  type UploadFile,
} from "@filestatus/core";

/** What the uploaded list is for: `clean` (remove invalid emails) or `validate` (check each one). */
export type Job = "clean" | "validate";

export interface UploadOptions extends RoundTripOptions {
  /** Required: the job started once the file is uploaded (the upload's `file_tag`). */
  job: Job;
  /**
   * The header of the email column (`email_column`). Without it the API looks for the column
   * itself and, when it finds none, `upload` rejects with the file's columns to choose from.
   * Checked against the file's first line before sending (CSV files).
   */
  emailColumn?: string;
  /** The list's display name (`name`); defaults to the file name. */
  name?: string;
  /**
   * Whether the file's first line holds column headers (`is_file_organised`, default `true`);
   * with `false` the API pulls the emails out of the raw data, and `emailColumn` does not apply.
   */
  hasHeaderRow?: boolean;
  /** The file name sent; defaults to a `File`'s own name, else `upload.csv`. Must end in .csv or .xlsx. */
  filename?: string;
  /** `clean` only: the cleaned list's name (`list_name`); defaults to `name`. */
  listName?: string;
  /** Check each address's syntax (`options.validate_syntax`, default `true`). */
  validateSyntax?: boolean;
  /** Check the domain's DMARC record (`options.check_dmarc`, default `false`). */
  checkDmarc?: boolean;
  /** Ask the mail server whether the mailbox exists (`options.validate_smtp`, default `false`). */
  validateSmtp?: boolean;
  /** Check that the domain has MX records (`options.validate_mx`, default `false`). */
  validateMx?: boolean;
}

/** The checks of a job, as `upload` options. */
export type Checks = Pick<
  UploadOptions,
  "validateSyntax" | "checkDmarc" | "validateSmtp" | "validateMx"
>;

/**
 * The checks a job runs when no option says otherwise: the defaults the Validate Emails page
 * documents, used for cleaning too (its page documents none). Every check turned on costs more
 * credits and takes longer.
 */
export const CHECK_DEFAULTS: Readonly<Required<Checks>> = {
  validateSyntax: true,
  checkDmarc: false,
  validateSmtp: false,
  validateMx: false,
};

/** The `options` object of `cleanemail` and `email-validation`. */
export interface JobChecks {
  validate_syntax: boolean;
  check_dmarc: boolean;
  validate_smtp: boolean;
  validate_mx: boolean;
}

const OWNER = "@filestatus/sanitizeemail";
const JOBS: readonly Job[] = ["clean", "validate"];
/** The file types the upload page accepts. */
export const FILE_TYPES: Readonly<Record<string, string>> = {
  csv: "text/csv",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

const typeError = (text: string) => new TypeError(`${OWNER}: ${text}; nothing was sent`);

const optionalText = (name: string, value: unknown) => void checkText(OWNER, name, value);

/** `job`, which is required: a TypeError for anything but `clean` or `validate`. */
export function checkJob(job: unknown): Job {
  if (!JOBS.includes(job as Job))
    throw typeError(`job is required: "clean" or "validate", got ${JSON.stringify(job)}`);
  return job as Job;
}

/** The checks of `options`, in the API's words; a TypeError for one that is not a boolean. */
export function jobChecks(options: UploadOptions): JobChecks {
  const checks = { ...CHECK_DEFAULTS };
  for (const name of Object.keys(CHECK_DEFAULTS) as (keyof Checks)[]) {
    const value = options[name];
    if (value !== undefined && typeof value !== "boolean")
      throw typeError(`${name} must be true or false`);
    if (value !== undefined) (checks as Record<string, boolean>)[name] = value;
  }
  return {
    validate_syntax: checks.validateSyntax,
    check_dmarc: checks.checkDmarc,
    validate_smtp: checks.validateSmtp,
    validate_mx: checks.validateMx,
  };
}

/** The option checks that need no file: everything but the email column's presence. */
export function checkUploadOptions(options: UploadOptions | undefined): UploadOptions {
  if (typeof options !== "object" || options === null)
    throw typeError('the options are required: { job: "clean" | "validate", … }');
  const job = checkJob(options.job);
  optionalText("emailColumn", options.emailColumn);
  optionalText("name", options.name);
  optionalText("listName", options.listName);
  if (options.hasHeaderRow !== undefined && typeof options.hasHeaderRow !== "boolean")
    throw typeError("hasHeaderRow must be true or false");
  if (options.hasHeaderRow === false && options.emailColumn !== undefined)
    throw typeError("emailColumn names a header, so it needs hasHeaderRow: true");
  if (options.listName !== undefined && job !== "clean")
    throw typeError('listName applies to job: "clean" only');
  jobChecks(options);
  return options;
}

/** The file's type from its name; a TypeError for a type the API refuses. */
export function fileType(file: UploadFile): string {
  const extension = /\.([^.]+)$/.exec(file.name)?.[1]?.toLowerCase() ?? "";
  if (!Object.hasOwn(FILE_TYPES, extension))
    throw typeError(`SanitizeEmail accepts .csv and .xlsx files, not ${JSON.stringify(file.name)}`);
  return extension;
}

/** A RangeError when `emailColumn` is not a header of a CSV file's first line. */
export async function checkEmailColumn(file: UploadFile, emailColumn: string): Promise<void> {
  const headers = await headerFields(file);
  if (headers.includes(emailColumn.trim())) return;
  const list = headers.map((h) => JSON.stringify(h)).join(", ");
  throw new RangeError(
    `${OWNER}: emailColumn ${JSON.stringify(emailColumn)} is not a column of the file's first line (${list}); nothing was sent`,
  );
}
