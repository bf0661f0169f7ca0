/**
 * What `upload` accepts, checked before anything is sent. IPQS takes the records three ways on one
 * URL (Uploading CSVs page, mirror http://comam.info/uploading-csvs.html): a file, JSON rows, or a
 * link it fetches itself.
 */
import { toUploadFile, type UploadFile, type UploadInput } from "@filestatus/core";

/** The CSV types IPQS documents for uploads (its OpenAPI also lists leaked_*; its docs do not). */
export type UploadType = "proxy" | "email" | "url" | "phone";
export const UPLOAD_TYPES: readonly UploadType[] = ["proxy", "email", "url", "phone"];

/** The result files of a FINISHED CSV (`downloads`). */
export type ResultsFile = "all" | "bad" | "clean" | "pristine";
export const RESULTS_FILES: readonly ResultsFile[] = ["all", "bad", "clean", "pristine"];

/**
 * A file (`Blob`/`File`, bytes, or CSV text), sent as multipart; `{ rows }`, sent as IPQS's JSON
 * `input`; or `{ url }`, an absolute http, https or ftp link to the file for IPQS to fetch (with
 * any credentials it needs in it: it is treated as a secret and sent in the body, not the URL).
 */
export type IpqsUploadInput =
  UploadInput | { readonly rows: readonly (readonly string[])[] } | { readonly url: string };

/** The input, checked and normalised. */
export type Records =
  | { kind: "file"; file: UploadFile }
  | { kind: "rows"; rows: string[][] }
  | { kind: "url"; url: string };

const OWNER = "@filestatus/ipqs";
const CONTROL = /[\u0000-\u001f\u007f]/;

/** The `type` option: required, one of {@link UPLOAD_TYPES}. */
export function checkType(type: unknown): UploadType {
  if (type === undefined)
    throw new TypeError(`${OWNER}: the "type" option is required (${UPLOAD_TYPES.join(", ")})`);
  if (!UPLOAD_TYPES.includes(type as UploadType))
    throw new RangeError(
      `${OWNER}: "type" must be one of ${UPLOAD_TYPES.join(", ")}, got ${JSON.stringify(type)}`,
    );
  return type as UploadType;
}

/** The `which` option of the results: one of {@link RESULTS_FILES}, `all` when absent. */
export function checkWhich(which: unknown): ResultsFile {
  if (which === undefined) return "all";
  if (!RESULTS_FILES.includes(which as ResultsFile))
    throw new RangeError(
      `${OWNER}: "which" must be one of ${RESULTS_FILES.join(", ")}, got ${JSON.stringify(which)}`,
    );
  return which as ResultsFile;
}

function checkFilename(filename: unknown): string | undefined {
  if (filename === undefined) return undefined;
  if (typeof filename !== "string" || filename.trim() === "" || CONTROL.test(filename))
    throw new TypeError(`${OWNER}: "filename" must be a non-empty name without control characters`);
  return filename;
}

function checkRows(rows: unknown): string[][] {
  const isRow = (row: unknown) =>
    Array.isArray(row) && row.every((field) => typeof field === "string");
  if (!Array.isArray(rows) || !rows.every(isRow))
    throw new TypeError(`${OWNER}: "rows" must be an array of rows, each an array of strings`);
  const records = (rows as string[][]).filter((row) => row.some((f) => f.trim() !== ""));
  if (records.length === 0)
    throw new RangeError(`${OWNER}: "rows" holds no records; nothing was sent`);
  return records.map((row) => [...row]);
}

/** The link, never echoed: it may carry credentials. */
function checkUrl(url: unknown): string {
  const parsed = typeof url === "string" && URL.canParse(url) ? new URL(url) : undefined;
  if (!parsed || !["http:", "https:", "ftp:"].includes(parsed.protocol))
    throw new TypeError(`${OWNER}: "url" must be an absolute http, https or ftp link to the file`);
  return url as string;
}

/**
 * The records and the name to send as `file_name`: `filename`, else a `File`'s own name; IPQS
 * names the upload itself when there is neither.
 */
export function toRecords(
  input: unknown,
  filename: unknown,
): { records: Records; fileName: string | undefined } {
  const name = checkFilename(filename);
  const isObject = typeof input === "object" && input !== null;
  if (isObject && "rows" in input)
    return { records: { kind: "rows", rows: checkRows(input.rows) }, fileName: name };
  if (isObject && "url" in input)
    return { records: { kind: "url", url: checkUrl(input.url) }, fileName: name };
  const file =
    typeof input === "string" ||
    input instanceof Blob ||
    input instanceof ArrayBuffer ||
    input instanceof Uint8Array;
  if (!file)
    throw new TypeError(
      `${OWNER}: the input must be a file (Blob, File, Uint8Array, ArrayBuffer or CSV text), { rows } or { url }`,
    );
  const own = typeof File !== "undefined" && input instanceof File ? input.name : "";
  return {
    records: { kind: "file", file: toUploadFile("ipqs", input, name) },
    fileName: name ?? (own || undefined),
  };
}
