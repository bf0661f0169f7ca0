/**
 * ZeroBounce `sendfile` form → the list the sandbox will process, or the reason ZeroBounce would
 * refuse it. Fields as https://www.zerobounce.net/docs/email-validation-api-quickstart/v2-send-file/
 * and https://www.zerobounce.net/docs/ai-scoring-api/send-file/ document them (specs/zerobounce.yaml).
 */
import { emailsOf, parseCsv, type Form } from "../lists.ts";

/** A list received by `sendfile`, kept until it is deleted. */
export interface ZbList {
  scoring: boolean;
  name: string;
  /** The rows of the file as sent (header included). */
  rows: string[][];
  header: boolean;
  /** Column of the email address, from 0. */
  emailColumn: number;
  /** Indexes (into `rows`) of the data rows that are processed: duplicates removed. */
  kept: number[];
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

/** The data rows worth processing: blank lines are not rows. */
function contentRows(text: string): string[][] {
  return parseCsv(text).filter((row) => row.some((field) => field.trim() !== ""));
}

/** Data-row indexes to process: the first row of each email when `dedupe`, else all of them. */
function keptRows(
  rows: string[][],
  emailColumn: number,
  header: boolean,
  dedupe: boolean,
): number[] {
  const first = header ? 1 : 0;
  const emails = emailsOf(rows, emailColumn, header).map((e) => e.toLowerCase());
  const seen = new Set<string>();
  const kept: number[] = [];
  emails.forEach((email, i) => {
    if (dedupe && seen.has(email)) return;
    seen.add(email);
    kept.push(first + i);
  });
  return kept;
}

/** Reads a `sendfile` form (the key already checked) into a list, or the refusal. */
export function readList(
  form: Exclude<Form, { problem: string }>,
  scoring: boolean,
): ZbList | Refusal {
  const { fields, files } = form;
  const file = files.get("file");
  if (!file) return { status: 400, message: "file is required." };
  if (!/\.(csv|txt)$/i.test(file.name))
    return { status: 400, message: "Only .csv and .txt files are accepted." };
  if (file.size === 0) return { status: 400, message: "The file is empty." };
  if (!fields.get("email_address_column")?.trim())
    return { status: 400, message: "email_address_column is required." };
  const rows = contentRows(file.text);
  const width = rows[0]?.length ?? 0;
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
  const data = rows.length - (hasHeader ? 1 : 0);
  if (data <= 0) return { status: 400, message: "The file has no rows of email addresses." };
  const kept = keptRows(rows, email! - 1, hasHeader, dedupe !== false);
  if (kept.length < data / 2) return { status: 400, message: DUPLICATES_MESSAGE };
  return {
    scoring,
    name: file.name,
    rows,
    header: hasHeader,
    emailColumn: email! - 1,
    kept,
    returnUrl,
  };
}
