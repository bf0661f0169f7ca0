/**
 * ZeroBounce `sendfile` form → the list the sandbox will process, or the reason ZeroBounce would
 * refuse it. Fields as https://www.zerobounce.net/docs/email-validation-api-quickstart/v2-send-file/
 * and https://www.zerobounce.net/docs/ai-scoring-api/send-file/ document them (specs/zerobounce.yaml).
 */
import { forEachRow } from "../csv-rows.ts";
import { isSpace, visitRows } from "../list-rows.ts";
import type { StreamedForm } from "../multipart.ts";
import { rowSet, type RowSet } from "../row-set.ts";
import { stringSet } from "../string-set.ts";

/** A list received by `sendfile`, kept until it is deleted. */
export interface ZbList {
  scoring: boolean;
  name: string;
  /** The file as sent: its rows are read again, streamed, for the results. */
  file: Blob;
  /** Fields of the first row that holds anything: result rows are padded to it. */
  width: number;
  header: boolean;
  /** Column of the email address, from 0. */
  emailColumn: number;
  /** Data rows processed (duplicates removed). */
  kept: number;
  /** Rows left out as duplicates, by their index among the rows that hold anything. */
  dropped: RowSet;
  returnUrl: string | null;
}

/** Why the form was refused: a message, and the HTTP status ZeroBounce would answer with. */
export interface Refusal {
  status: number;
  message: string;
}

const COLUMNS = ["first_name_column", "last_name_column", "gender_column", "ip_address_column"];
const BOOLEANS: Record<string, boolean> = { true: true, false: false };

/** The 400 "safety net" of the send-file page: deduplication removing more than half the lines. */
export const DUPLICATES_MESSAGE =
  "Over 50% of the file you uploaded are duplicates; check that the right column for email has been selected.";

/** `true`/`false` in any case (the SDKs send `true`, the pages write `True`); undefined if absent. */
function flag(form: Map<string, string>, name: string): boolean | undefined | Refusal {
  const text = form.get(name);
  if (text === undefined || text === "") return undefined;
  const value = BOOLEANS[text.trim().toLowerCase()];
  return value ?? { status: 400, message: `${name} must be true or false.` };
}

/** A column position from 1 within the `width` columns of the first line, or why not. */
function column(
  form: Map<string, string>,
  name: string,
  width: number,
): number | Refusal | undefined {
  const text = form.get(name)?.trim();
  if (text === undefined || text === "") return undefined;
  if (!/^\d+$/.test(text) || Number(text) < 1)
    return { status: 400, message: `${name} must be a whole number from 1.` };
  if (Number(text) > width)
    return {
      status: 400,
      message: `${name} is ${text} but the file has ${width} column${width === 1 ? "" : "s"}.`,
    };
  return Number(text);
}

const refused = (value: unknown): value is Refusal =>
  typeof value === "object" && value !== null && "message" in value;

function validUrl(text: string): boolean {
  try {
    return /^https?:$/.test(new URL(text).protocol);
  } catch {
    return false;
  }
}

/** A row worth processing: blank lines are not rows. */
const hasContent = (row: string[]) => row.some((field) => field.trim() !== "");

/** The first row that holds anything, reading no further than it. */
async function firstRow(file: Blob): Promise<string[] | undefined> {
  let first: string[] | undefined;
  await forEachRow(file, (row) => hasContent(row) && ((first = row), true));
  return first;
}

/** What processing will do with the rows: how many, and which are duplicates (when `dedupe`). */
async function scan(
  file: Blob,
  emailColumn: number,
  header: boolean,
  dedupe: boolean,
): Promise<{ rows: number; kept: number; dropped: RowSet }> {
  const seen = stringSet();
  const dropped = rowSet();
  let rows = 0;
  let kept = 0;
  /** Counts a row that holds anything; `add` puts its address in `seen`, true when new. */
  const count = (add: () => boolean) => {
    const index = rows++;
    if (header && index === 0) return;
    // The first row of each address is kept; without `dedupe`, every row.
    if (!dedupe || add()) kept++;
    else dropped.add(index);
  };
  await visitRows(file.stream(), {
    plain: (row) => {
      if (row.blank) return;
      count(() => {
        let start = row.fieldStart(emailColumn);
        let end = row.fieldEnd(emailColumn);
        while (start < end && isSpace(row.bytes[start]!)) start++;
        while (end > start && isSpace(row.bytes[end - 1]!)) end--;
        return seen.addLowerAscii(row.bytes, start, end);
      });
    },
    parsed: (fields) => {
      if (!hasContent(fields)) return;
      count(() => seen.add((fields[emailColumn] ?? "").trim().toLowerCase()));
    },
  });
  return { rows, kept, dropped };
}

/** Reads a `sendfile` form (the key already checked) into a list, or the refusal. */
export async function readList(
  form: Exclude<StreamedForm, { problem: string }>,
  scoring: boolean,
): Promise<ZbList | Refusal> {
  const { fields, files } = form;
  const file = files.get("file");
  if (!file) return { status: 400, message: "file is required." };
  if (!/\.(csv|txt)$/i.test(file.name))
    return { status: 400, message: "Only .csv and .txt files are accepted." };
  if (file.size === 0) return { status: 400, message: "The file is empty." };
  if (!fields.get("email_address_column")?.trim())
    return { status: 400, message: "email_address_column is required." };
  const width = (await firstRow(file.blob))?.length ?? 0;
  const email = column(fields, "email_address_column", width);
  if (refused(email)) return email;
  // Scoring takes no name, gender or IP columns and no allow_phase_2 (ai-scoring send-file page).
  for (const name of scoring ? [] : COLUMNS) {
    const other = column(fields, name, width);
    if (refused(other)) return other;
  }
  const header = flag(fields, "has_header_row");
  const dedupe = flag(fields, "remove_duplicate");
  const phase2 = scoring ? undefined : flag(fields, "allow_phase_2");
  for (const value of [header, dedupe, phase2]) if (refused(value)) return value;
  const returnUrl = fields.get("return_url") || null;
  if (returnUrl !== null && !validUrl(returnUrl))
    return { status: 400, message: "return_url must be an absolute http or https URL." };
  const hasHeader = header === true;
  const scanned = await scan(file.blob, email! - 1, hasHeader, dedupe !== false);
  const data = scanned.rows - (hasHeader ? 1 : 0);
  if (data <= 0) return { status: 400, message: "The file has no rows of email addresses." };
  if (scanned.kept < data / 2) return { status: 400, message: DUPLICATES_MESSAGE };
  return {
    scoring,
    name: file.name,
    file: file.blob,
    width,
    header: hasHeader,
    emailColumn: email! - 1,
    kept: scanned.kept,
    dropped: scanned.dropped,
    returnUrl,
  };
}
