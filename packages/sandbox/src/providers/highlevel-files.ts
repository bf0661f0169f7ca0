/**
 * HighLevel `uploadCsv` (specs/highlevel.yaml): checks a multipart file as S3 documents it and
 * stores its rows under a `filePath` for `setAccounts`. The columns are the "basic" format of
 * HighLevel's help pages [I]: `postAtSpecificTime (yyyy-MM-dd HH:mm:ss)` and `content` required,
 * `link (OGmetaUrl)`, `imageUrls`, `gifUrl`, `videoUrls` optional. A header matches with or
 * without its parenthesised hint, in any case.
 */
import { json } from "../context.ts";
import { parseCsv, readForm } from "../lists.ts";
import { objectId, ok, type PostRow } from "./highlevel-render.ts";

/** A file `uploadCsv` stored. */
export interface StoredFile {
  locationId: string;
  fileName: string;
  rows: PostRow[];
}

const REQUIRED = {
  postatspecifictime: "postAtSpecificTime (yyyy-MM-dd HH:mm:ss)",
  content: "content",
};

/** S3's "File is required": NestJS's serialised `BadRequestException`. */
const fileRequired = (headers: Headers) =>
  json(
    {
      status: 400,
      options: {},
      message: "File is required",
      name: "BadRequestException",
      error: "Bad Request",
      statusCode: 400,
      traceId: crypto.randomUUID(),
    },
    400,
    headers,
  );

/** S3's CSV check failure: `{ code, message, fileType, csvFileType, missingHeaders? }`. */
const checkFailed = (
  headers: Headers,
  code: string,
  message: string,
  fileType?: string,
  extra: Record<string, unknown> = {},
) =>
  json(
    { code, message, ...(fileType && { fileType, csvFileType: "basic" }), ...extra },
    400,
    headers,
  );

/** `content (text)` → `content`: the header's name without its hint, lower-cased. */
const key = (header: string) =>
  header
    .replace(/\s*\(.*\)\s*$/, "")
    .trim()
    .toLowerCase();

/** A list field of the basic format: URLs separated by commas (help pages: "a comma and a space"). */
const list = (value: string | undefined) =>
  (value ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);

/** The data rows of a CSV text, or the headers it lacks. */
export function readRows(text: string): { rows: PostRow[] } | { missing: string[] } {
  const [header = [], ...data] = parseCsv(text.replace(/^\uFEFF/, ""));
  const columns = new Map(header.map((h, i) => [key(h), i]));
  const missing = Object.entries(REQUIRED)
    .filter(([name]) => !columns.has(name))
    .map(([, shown]) => shown);
  if (missing.length > 0) return { missing };
  const cell = (row: string[], name: string) => {
    const i = columns.get(name);
    return i === undefined ? "" : (row[i] ?? "").trim();
  };
  const rows = data
    .filter((row) => row.some((field) => field.trim() !== ""))
    .map((row) => ({
      content: cell(row, "content"),
      scheduleDate: cell(row, "postatspecifictime"),
      link: cell(row, "link"),
      imageUrls: list(cell(row, "imageurls")),
      gifUrl: cell(row, "gifurl"),
      videoUrls: list(cell(row, "videourls")),
    }));
  return { rows };
}

/** `d23d68c2-82c0-1db6e2`: the shape of S2's `filePath` example. */
const fileKey = () => {
  const hex = objectId();
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 18)}`;
};

/** Answers `POST …/csv`: 201 with the stored file, or S3's 400 naming what is wrong with it. */
export async function uploadCsv(
  request: Request,
  locationId: string,
  headers: Headers,
  files: Map<string, StoredFile>,
): Promise<Response> {
  const form = await readForm(request);
  const file = "problem" in form ? undefined : form.files.get("file");
  if (!file) return fileRequired(headers);
  const extension = /\.(csv|xlsx)$/i.exec(file.name)?.[1]?.toUpperCase();
  if (!extension)
    return checkFailed(
      headers,
      "CSV_UNSUPPORTED_EXTENSION",
      "Only .csv and .xlsx files are supported",
    );
  if (file.size === 0 || file.text.trim() === "")
    return checkFailed(headers, "CSV_EMPTY_FILE", "The file is empty", extension);
  if (extension === "XLSX")
    return checkFailed(
      headers,
      "CSV_PROCESSING_ERROR",
      "sandbox: only CSV files are read",
      extension,
    );
  const read = readRows(file.text);
  if ("missing" in read)
    return checkFailed(
      headers,
      "CSV_MISSING_HEADERS",
      "The file is missing required headers",
      "CSV",
      {
        missingHeaders: read.missing,
      },
    );
  if (read.rows.length === 0)
    return checkFailed(headers, "CSV_MISSING_REQUIRED_ROWS", "The file has no posts", "CSV");
  const filePath = `${locationId}/social-import/${fileKey()}.csv`;
  files.set(filePath, { locationId, fileName: file.name, rows: read.rows });
  return ok(201, "Uploaded CSV", headers, {
    filePath,
    rowsCount: read.rows.length,
    fileName: file.name,
    fileSize: file.size,
    csvFileType: "basic",
  });
}
