/**
 * The options of the round trip, in ZeroBounce's own words (specs/zerobounce.yaml `sendFile`,
 * `getFile`), and their checks: each bad option is refused with an error naming it, before
 * anything is sent.
 */
import {
  optionalBoolean as checkBoolean,
  checkNumber,
  optionalNumber,
  type FieldValue,
  type ProcessOptions,
  type RoundTripOptions,
} from "@filestatus/core";

const OWNER = "@filestatus/zerobounce";

/** Options of `upload`: the `sendfile` form fields. Columns count from 1, as ZeroBounce does. */
export interface UploadOptions extends RoundTripOptions {
  /** Required: the column of the email address (`email_address_column`), counted from 1. */
  emailColumn: number;
  /**
   * Whether the first line holds column names (`has_header_row`). Default `false`, sent as such
   * (as the official JavaScript SDK does), so the first line is never guessed at.
   */
  hasHeaderRow?: boolean;
  /** `first_name_column`, from 1. Validation only. */
  firstNameColumn?: number;
  /** `last_name_column`, from 1. Validation only. */
  lastNameColumn?: number;
  /** `gender_column`, from 1. Validation only. */
  genderColumn?: number;
  /** `ip_address_column`: the IP the address signed up from, from 1. Validation only. */
  ipAddressColumn?: number;
  /**
   * `remove_duplicate`: drop repeated emails (ZeroBounce's default: true). ZeroBounce refuses a
   * file whose deduplication would remove more than half of its lines.
   */
  removeDuplicate?: boolean;
  /** `allow_phase_2`: ask for the catch-all "phase 2" (Verify+) after phase 1. Validation only. */
  allowPhase2?: boolean;
  /** `return_url`: an absolute http(s) URL ZeroBounce calls when the file is processed. */
  returnUrl?: string;
  /**
   * `true` to send the file to A.I. scoring (`/v2/scoring/sendfile`) instead of validation. Its
   * status, results and deletion are then under `client.scoring` and `scoring: true` too.
   */
  scoring?: boolean;
  /** The file's name when the input is not a `File` (default `upload.csv`); `.csv` or `.txt`. */
  filename?: string;
}

/** `download_type` of `getfile`. */
export type DownloadType = "phase_1" | "phase_2" | "combined";

/** Options of `downloadResults`: the `getfile` query. */
export interface DownloadOptions extends RoundTripOptions {
  /** `true` for an A.I. scoring file (`/v2/scoring/getfile`). */
  scoring?: boolean;
  /**
   * `download_type`: `phase_1` (the default: the validation results), `phase_2` or `combined`,
   * which need `file_phase_2_status` to be `Complete`.
   */
  downloadType?: DownloadType;
  /** `activity_data`: append ZeroBounce's activity-data columns. Validation only. */
  activityData?: boolean;
}

/** Options of `deleteUpload`. */
export interface DeleteOptions {
  /** `true` for an A.I. scoring file (`/v2/scoring/deletefile`). */
  scoring?: boolean;
  signal?: AbortSignal;
}

/** Options of `processFile`: the upload's, the results', and one deadline over all three phases. */
export interface ProcessFileOptions
  extends UploadOptions, Pick<DownloadOptions, "downloadType" | "activityData">, ProcessOptions {}

/** The column options, by their field names. */
export const COLUMNS = {
  emailColumn: "email_address_column",
  firstNameColumn: "first_name_column",
  lastNameColumn: "last_name_column",
  genderColumn: "gender_column",
  ipAddressColumn: "ip_address_column",
} as const;

/** Options only `/v2/sendfile` takes: the scoring form has none of them. */
const VALIDATION_ONLY = [
  "firstNameColumn",
  "lastNameColumn",
  "genderColumn",
  "ipAddressColumn",
  "allowPhase2",
] as const;
const DOWNLOAD_TYPES: readonly string[] = ["phase_1", "phase_2", "combined"];

const optionalBoolean = (name: string, value: unknown) => checkBoolean(OWNER, name, value);

function checkReturnUrl(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  let url: URL | undefined;
  try {
    url = typeof value === "string" ? new URL(value) : undefined;
  } catch {
    // refused below
  }
  if (!url || !/^https?:$/.test(url.protocol))
    throw new TypeError(`${OWNER}: returnUrl must be an absolute http(s) URL`);
  return value as string;
}

/**
 * The `sendfile` fields of `options` (the key is added beneath middleware by the client), with
 * every option checked except the columns' upper bound, which needs the file.
 */
export function uploadFields(options: UploadOptions): Record<string, FieldValue> {
  const scoring = optionalBoolean("scoring", options.scoring) === true;
  if (scoring)
    for (const name of VALIDATION_ONLY)
      if (options[name] !== undefined)
        throw new TypeError(
          `${OWNER}: ${name} is for validation; A.I. scoring (scoring: true) takes none`,
        );
  checkNumber(OWNER, "emailColumn", options.emailColumn, { min: 1, integer: true });
  const fields: Record<string, FieldValue> = {};
  for (const [option, field] of Object.entries(COLUMNS))
    fields[field] = optionalNumber(OWNER, option, options[option as keyof typeof COLUMNS], {
      min: 1,
      integer: true,
    });
  fields.has_header_row = optionalBoolean("hasHeaderRow", options.hasHeaderRow) ?? false;
  fields.remove_duplicate = optionalBoolean("removeDuplicate", options.removeDuplicate);
  fields.allow_phase_2 = optionalBoolean("allowPhase2", options.allowPhase2);
  fields.return_url = checkReturnUrl(options.returnUrl);
  return fields;
}

/** The `getfile` query of `options` (without `file_id`), checked. */
export function downloadQuery(options: DownloadOptions): {
  download_type?: DownloadType;
  activity_data?: boolean;
} {
  const scoring = optionalBoolean("scoring", options.scoring) === true;
  const type = options.downloadType;
  if (type !== undefined && !DOWNLOAD_TYPES.includes(type))
    throw new TypeError(`${OWNER}: downloadType must be one of ${DOWNLOAD_TYPES.join(", ")}`);
  const activity = optionalBoolean("activityData", options.activityData);
  if (scoring && activity !== undefined)
    throw new TypeError(`${OWNER}: activityData is for validation; A.I. scoring takes none`);
  return {
    ...(type !== undefined && { download_type: type }),
    ...(activity !== undefined && { activity_data: activity }),
  };
}
