/**
 * The results of a finished job as CSV: SanitizeEmail's download endpoints answer a pre-signed link
 * (409 while the job runs), which serves the CSV without `X-API-KEY` for 15 minutes.
 * https://docs.sanitizeemail.com/api-reference/endpoint/download_clean_list, …/download_validated_list
 */
import { json, randomId, type Context } from "../context.ts";
import { toCsv } from "../lists.ts";
import type { UploadView } from "../uploads.ts";
import { detail, drfDate, error } from "./sanitizeemail-render.ts";
import { mxRecords, outcomes, reasons, type Outcome } from "./sanitizeemail-outcomes.ts";
import {
  fileFor,
  findFile,
  jobOf,
  type JobKind,
  type ReceivedFile,
  type Store,
} from "./sanitizeemail-store.ts";

export const PRESIGNED = "/sandbox/presigned/";
/** `X-Amz-Expires=900`: the links of the download endpoints last 15 minutes (real time). */
const LINK_TTL_MS = 15 * 60_000;

/** The documented CSV columns of validation results (download_validated_list). */
const VALIDATION_COLUMNS = [
  "email",
  "status",
  "normalized_email",
  "is_disposable",
  "is_role_account",
  "type",
  "mx_records",
  "validation_reasons",
  "dmarc_policy",
  "created_date",
];

export interface Found {
  view: UploadView;
  file: ReceivedFile;
}

/** The file of the `file_id` query, or the documented 400/404. */
export function byQuery(context: Context, store: Store): Found | Response {
  const raw = context.url.searchParams.get("file_id");
  if (raw === null || raw.trim() === "") return error(400, "file_id is required.");
  if (!/^\d{1,16}$/.test(raw.trim())) return error(400, "file_id must be an integer.");
  const id = String(Number(raw));
  const view = findFile(context, store, id);
  return view ? { view, file: fileFor(store, view) } : detail(404, "Not found.");
}

/** What the job of `kind` produced: the valid addresses of a clean, every address of a validation. */
function rows(file: ReceivedFile, kind: JobKind): Outcome[] {
  const all = outcomes(file);
  return kind === "clean" ? all.filter((o) => o.verdict === "valid") : all;
}

/** The finished results of `kind`, if the file has them now (empty otherwise). */
export const finished = ({ view, file }: Found, kind: JobKind): Outcome[] =>
  view.phase === "complete" && jobOf(view, file) === kind ? rows(file, kind) : [];

/** Why the results of `kind` cannot be downloaded now: 409 while they may still come. */
function unavailable({ view, file }: Found, kind: JobKind): Response | undefined {
  const noun = kind === "clean" ? "cleaned" : "validated";
  if (view.phase === "failed") return error(404, "Processing failed: this file has no results.");
  if (view.phase !== "complete")
    return error(409, `The file has not been ${noun} yet. Try again later.`);
  const job = jobOf(view, file);
  return job === kind ? undefined : error(404, `This file was not ${noun}: its job is ${job}.`);
}

function csv(found: Found, kind: JobKind): string {
  const results = rows(found.file, kind);
  if (kind === "clean") return toCsv([["email"], ...results.map((o) => [o.email])]);
  const created = drfDate(found.view.updatedAt);
  const line = (o: Outcome) => [
    o.email,
    o.verdict,
    o.normalized,
    "false",
    String(o.role),
    "file",
    mxRecords(o).join(";"),
    JSON.stringify(reasons(o)),
    "",
    created,
  ];
  return toCsv([VALIDATION_COLUMNS, ...results.map(line)]);
}

/** `GET …/download-cleaned-emails/` and `…/download-validation-results/`. */
export function downloadLink(context: Context, store: Store, kind: JobKind): Response {
  const found = byQuery(context, store);
  if (found instanceof Response) return found;
  const refused = unavailable(found, kind);
  if (refused) return refused;
  const { file } = found;
  const token = randomId(24);
  const signature = randomId(40);
  store.links.set(token, {
    fileId: file.id,
    kind,
    signature,
    expiresAt: context.now + LINK_TTL_MS,
  });
  const prefix = kind === "clean" ? "cleaned_emails" : "validation_results";
  return json({
    download_url: `${context.url.origin}${PRESIGNED}${token}?X-Amz-Signature=${signature}&X-Amz-Expires=900`,
    filename: `${prefix}_${file.id}_${Math.floor(context.at / 1000)}.csv`,
    file_id: file.id,
    record_count: rows(file, kind).length,
    format: "csv",
  });
}

/** S3's XML error, as a pre-signed link answers when refused. */
const s3Error = (code: string, message: string): Response =>
  new Response(
    `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message></Error>`,
    { status: 403, headers: { "content-type": "application/xml" } },
  );

/** `GET /sandbox/presigned/<token>?X-Amz-Signature=…`: the CSV, no `X-API-KEY` needed. */
export function presigned(context: Context, store: Store): Response {
  const link = store.links.get(context.url.pathname.slice(PRESIGNED.length));
  if (!link || context.url.searchParams.get("X-Amz-Signature") !== link.signature)
    return s3Error("SignatureDoesNotMatch", "The request signature we calculated does not match.");
  if (context.now > link.expiresAt) return s3Error("AccessDenied", "Request has expired");
  const view = findFile(context, store, link.fileId);
  const file = store.files.get(link.fileId);
  if (!view || !file) return s3Error("NoSuchKey", "The specified key does not exist.");
  const prefix = link.kind === "clean" ? "cleaned_emails" : "validation_results";
  return new Response(csv({ view, file }, link.kind), {
    headers: {
      "content-type": "text/csv",
      "content-disposition": `attachment; filename="${prefix}_${file.id}.csv"`,
    },
  });
}
