/**
 * What the sandbox does with an uploaded list: reads its CSV, decides each email's fate the same
 * way every time, and writes result CSVs. Every provider's round trip uses these, so a test knows
 * the expected results from its input alone: an email is `valid` when it is syntactically valid and
 * its domain is not one of {@link DEAD_DOMAINS}; anything else is `invalid`.
 */
import { csvRows } from "./csv-rows.ts";

/** Domains the sandbox treats as dead: addresses on them are `invalid`. */
export const DEAD_DOMAINS: readonly string[] = ["dead.example", "bounce.example", "invalid.test"];

/** Sandbox milliseconds (at speed 1) an upload spends queued before it is processed. */
export const QUEUED_MS = 500;
/** Sandbox milliseconds (at speed 1) processing takes per row: progress grows with the rows done. */
export const MS_PER_ROW = 100;

/** One local part, `@`, and a domain of dot-separated labels with a letter-only top level. */
const EMAIL = /^[A-Za-z0-9._%+'-]+@(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z]{2,}$/;

export type Verdict = "valid" | "invalid";

/** The sandbox's verdict on one address. */
export function verdict(email: string): Verdict {
  const address = email.trim();
  if (!EMAIL.test(address)) return "invalid";
  const domain = address.slice(address.lastIndexOf("@") + 1).toLowerCase();
  return DEAD_DOMAINS.includes(domain) ? "invalid" : "valid";
}

/**
 * The rows of a CSV text (RFC 4180: quoted fields may hold commas, quotes doubled, line breaks);
 * a trailing empty line is not a row. Streamed text: csv-rows.ts.
 */
export function parseCsv(text: string): string[][] {
  return csvRows(text);
}

/** One CSV line of `row`, quoting the fields that need it; it ends with CRLF. */
export function csvLine(row: readonly string[]): string {
  let line = "";
  for (let i = 0; i < row.length; i++) {
    const field = row[i]!;
    if (i > 0) line += ",";
    line += /[",\r\n]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
  }
  return line + "\r\n";
}

/** A CSV text of `rows`, quoting the fields that need it; lines end with CRLF. */
export function toCsv(rows: readonly (readonly string[])[]): string {
  return rows.map(csvLine).join("");
}

/** Sandbox milliseconds (at speed 1) processing a list of `rows` rows takes. */
export function processingMs(rows: number): number {
  return Math.max(1, rows) * MS_PER_ROW;
}

/**
 * A file part: its text for lists, and `blob` for binary files (Constant Contact's images and
 * documents, served back byte for byte).
 */
export interface FormFile {
  name: string;
  type: string;
  text: string;
  size: number;
  blob: Blob;
}

/** The parts of a multipart/form-data request, or a reason it is not one the sandbox can read. */
export type Form =
  { fields: Map<string, string>; files: Map<string, FormFile> } | { problem: string };

/** Reads a multipart/form-data request body. */
export async function readForm(request: Request): Promise<Form> {
  const type = request.headers.get("content-type") ?? "";
  if (!/^multipart\/form-data\s*;/i.test(type))
    return { problem: `Content-Type must be multipart/form-data, got ${JSON.stringify(type)}` };
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return { problem: "the multipart body could not be read" };
  }
  const fields = new Map<string, string>();
  const files = new Map<string, FormFile>();
  for (const [name, value] of form) {
    if (typeof value === "string") fields.set(name, value);
    else
      files.set(name, {
        name: value.name,
        type: value.type,
        text: await value.text(),
        size: value.size,
        blob: value,
      });
  }
  return { fields, files };
}
