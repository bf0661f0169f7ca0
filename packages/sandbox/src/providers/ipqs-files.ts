/**
 * What the IPQS sandbox does with a received CSV: finds the record column, judges each record the
 * same way every time, and writes the four result files a FINISHED CSV links to. IPQS documents
 * neither the result columns nor what `pristine`/`clean`/`bad` hold, so the sandbox keeps to what
 * the file names say (specs/ipqs.yaml `Downloads`): `all` every record, `bad` the invalid ones,
 * `clean` and `pristine` the valid ones, each record followed by `valid` and `fraud_score`.
 */
import { hash } from "../context.ts";
import { parseCsv, toCsv, verdict } from "../lists.ts";

/** The four `downloads` of a FINISHED CSV. */
export type Which = "all" | "bad" | "clean" | "pristine";
export const WHICH: readonly Which[] = ["pristine", "clean", "bad", "all"];

/** The part of each result file's name after the CSV's name (`<name>-All-Results.csv`). */
export const SUFFIX: Readonly<Record<Which, string>> = {
  all: "All-Results.csv",
  bad: "Invalid-Results.csv",
  clean: "Clean-Results.csv",
  pristine: "Pristine-Results.csv",
};

/** Column names that mark a first row as a header, and the column holding the records. */
const HEADER_NAMES = new Set(["email", "phone", "url", "ip", "proxy", "username", "password"]);

const IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)$/;

/** Whether a record of `type` is valid: emails by the shared {@link verdict}, others by form. */
export function isValid(type: string, value: string): boolean {
  const v = value.trim();
  switch (type) {
    case "email":
    case "leaked_email":
      return verdict(v) === "valid";
    case "phone": {
      const digits = v.replace(/\D/g, "").length;
      return /^\+?[\d\s().-]+$/.test(v) && digits >= 7 && digits <= 15;
    }
    case "url":
      return /^https?:\/\/[^\s/]+\.[^\s/]+/i.test(v) && URL.canParse(v);
    case "proxy":
      return IPV4.test(v) || (/^[\da-f:]+$/i.test(v) && v.includes("::"));
    default:
      return v !== "";
  }
}

/** A stable score from 0 to 100: under 75 for a valid record, 75 and up for an invalid one. */
export function fraudScore(value: string, valid: boolean): number {
  const n = hash(value.trim().toLowerCase());
  return valid ? n % 75 : 75 + (n % 26);
}

/** A processed CSV: its header (if the upload had one) and its records with their verdicts. */
export interface Processed {
  header: string[] | undefined;
  records: { row: string[]; valid: boolean; score: number }[];
}

/** The rows that hold something: blank lines are no records. */
export function nonBlank(rows: readonly string[][]): string[][] {
  return rows.filter((row) => row.some((field) => field.trim() !== ""));
}

/**
 * Judges `rows`. The first row is a header when one of its fields is a column name such as
 * `email` or `phone` (any case); that field's column holds the records, otherwise column 0 does.
 */
export function processRows(type: string, rows: readonly string[][]): Processed {
  const first = rows[0] ?? [];
  const named = first.findIndex((field) => HEADER_NAMES.has(field.trim().toLowerCase()));
  const column = Math.max(0, named);
  const header = named >= 0 ? first : undefined;
  const records = rows.slice(header ? 1 : 0).map((row) => {
    const value = row[column] ?? "";
    const valid = isValid(type, value);
    return { row, valid, score: fraudScore(value, valid) };
  });
  return { header, records };
}

/**
 * One result file. It always starts with a header: the upload's own plus `valid` and
 * `fraud_score`, or, when the upload had none, the type for the record column and `column_<n>`
 * (from 1) for the others.
 */
export function resultCsv(type: string, processed: Processed, which: Which): string {
  const { header, records } = processed;
  const width = Math.max(1, ...records.map((r) => r.row.length));
  const names =
    header ?? Array.from({ length: width }, (_, i) => (i === 0 ? type : `column_${i + 1}`));
  const chosen = records.filter((r) =>
    which === "all" ? true : which === "bad" ? !r.valid : r.valid,
  );
  return toCsv([
    [...names, "valid", "fraud_score"],
    ...chosen.map((r) => [...r.row, String(r.valid), String(r.score)]),
  ]);
}

/**
 * Files the sandbox serves at `/sandbox/ipqs/files/<name>`: the sandbox cannot fetch the internet,
 * so a `url` upload must point at one of these. Seeded CSVs, which were never really uploaded,
 * show the results of the sample of their type.
 */
export const SAMPLE_FILES: Readonly<Record<string, string>> = {
  "emails.csv": toCsv([
    ["email", "name"],
    ["alice@example.com", "Alice"],
    ["bob@example.org", "Bob"],
    ["carol@dead.example", "Carol"],
    ["not-an-email", "Dan"],
  ]),
  "phones.csv": toCsv([["phone"], ["+1 (555) 010-0199"], ["+44 20 7946 0958"], ["12"]]),
  "urls.csv": toCsv([["url"], ["https://example.com/login"], ["ftp:/broken"]]),
  "ips.csv": toCsv([["ip"], ["203.0.113.7"], ["2001:db8::1"], ["999.1.1.1"]]),
};

const SAMPLE_OF: Readonly<Record<string, string>> = {
  phone: "phones.csv",
  url: "urls.csv",
  proxy: "ips.csv",
};

/** The rows of the sample a seeded CSV of `type` reports as its results. */
export function sampleRows(type: string): string[][] {
  return parseCsv(SAMPLE_FILES[SAMPLE_OF[type] ?? "emails.csv"]!);
}
