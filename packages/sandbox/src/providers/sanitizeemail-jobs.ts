/**
 * Starting the work on an uploaded file: SanitizeEmail "Clean Email List" (`POST /v1/api/cleanemail/`)
 * and "Validate Emails" (`POST /v1/api/email-validation/`, file mode, or emails mode answered at
 * once). https://docs.sanitizeemail.com/api-reference/endpoint/clean_list, …/validate_emails
 * A job runs on any file that is not being processed; starting one on a finished file runs it anew.
 */
import { json, type Context } from "../context.ts";
import { processingMs, QUEUED_MS } from "../lists.ts";
import { detail, drfDate, error } from "./sanitizeemail-render.ts";
import { mxRecords, outcome, outcomes, reasons } from "./sanitizeemail-outcomes.ts";
import {
  fileFor,
  findFile,
  type JobKind,
  type ReceivedFile,
  type Store,
} from "./sanitizeemail-store.ts";

type Body = Record<string, unknown>;

const TAGS = new Set(["clean", "validate", "analyze"]);
/** The documented defaults of `options` (validate_emails page); cleaning is assumed to share them. */
const OPTION_DEFAULTS = {
  validate_syntax: true,
  check_dmarc: false,
  validate_smtp: false,
  validate_mx: false,
} as const;

const field = (name: string, text: string): Response => json({ [name]: [text] }, 400);
const isRecord = (value: unknown): value is Body =>
  typeof value === "object" && value !== null && !Array.isArray(value);

async function readBody(request: Request): Promise<Body | Response> {
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    return detail(400, "JSON parse error - the request body is not valid JSON.");
  }
  if (isRecord(body)) return body;
  return json({ non_field_errors: ["Invalid data. Expected a dictionary."] }, 400);
}

function readOptions(raw: unknown): Record<string, boolean> | Response {
  if (raw === undefined) return { ...OPTION_DEFAULTS };
  if (!isRecord(raw)) return field("options", "Expected a dictionary of items.");
  const options: Record<string, boolean> = { ...OPTION_DEFAULTS };
  for (const name of Object.keys(OPTION_DEFAULTS)) {
    const value = raw[name];
    if (value === undefined) continue;
    if (typeof value !== "boolean")
      return json({ options: { [name]: ["Must be a valid boolean."] } }, 400);
    options[name] = value;
  }
  return options;
}

/** The file `body.file_id` names, when no job is running on it. */
function jobFile(context: Context, store: Store, raw: unknown): ReceivedFile | Response {
  if (raw === undefined || raw === null) return field("file_id", "This field is required.");
  const text = String(raw);
  if (!/^\d{1,16}$/.test(text) || (typeof raw !== "number" && typeof raw !== "string"))
    return field("file_id", "A valid integer is required.");
  const view = findFile(context, store, String(Number(text)));
  if (!view) return detail(404, "Not found.");
  const file = fileFor(store, view);
  if (view.phase === "processing" || (file.job && view.phase === "queued"))
    return error(400, "A job is already running on this file. Try again when it is done.");
  return file;
}

function start(
  context: Context,
  file: ReceivedFile,
  kind: JobKind,
  listName: string,
  options: Record<string, boolean>,
) {
  file.job = { kind, startedAt: context.at, listName, options };
  return context.at + QUEUED_MS + processingMs(file.emails.length);
}

export async function clean(context: Context, store: Store): Promise<Response> {
  const body = await readBody(context.request);
  if (body instanceof Response) return body;
  const file = jobFile(context, store, body.file_id);
  if (file instanceof Response) return file;
  const options = readOptions(body.options);
  if (options instanceof Response) return options;
  const named = typeof body.list_name === "string" ? body.list_name.trim() : "";
  const listName = named || `${file.name} - Cleaned`;
  const done = start(context, file, "clean", listName, options);
  return json({
    job_id: `clean_${file.id}_${Math.floor(context.at / 1000)}`,
    status: "queued",
    list_name: listName,
    file_id: Number(file.id),
    estimated_completion_time: drfDate(done),
    options_applied: options,
    total_emails: file.emails.length,
    credits_required: outcomes(file).length,
  });
}

/** Emails mode: validated at once; each result joins the `type=list` history. */
function validateNow(store: Store, emails: unknown, at: number): Response {
  if (!Array.isArray(emails) || emails.length === 0 || !emails.every((e) => typeof e === "string"))
    return field("emails", "Expected a non-empty list of email addresses.");
  const found = emails.map((email: string) => outcome(email));
  for (const o of found) store.history.push({ ...o, id: store.history.length + 1, at });
  const valid = found.filter((o) => o.verdict === "valid").length;
  return json({
    results: found.map((o) => ({
      email: o.email,
      status: o.verdict,
      normalized_email: o.normalized,
      is_disposable: false,
      is_role_account: o.role,
      mx_records: mxRecords(o),
      reason: reasons(o),
    })),
    stats: {
      total: found.length,
      valid,
      invalid: found.length - valid,
      disposable: 0,
      role_accounts: found.filter((o) => o.role).length,
    },
    file_id: null,
    credits_used: found.length,
    remaining_processing: 0,
    batch_size: found.length,
  });
}

export async function validate(context: Context, store: Store): Promise<Response> {
  const body = await readBody(context.request);
  if (body instanceof Response) return body;
  const byEmails = body.emails !== undefined;
  if (byEmails === (body.file_id !== undefined))
    return error(
      400,
      byEmails ? "Send either emails or file_id, not both." : "Send emails or file_id.",
    );
  const options = readOptions(body.options);
  if (options instanceof Response) return options;
  if (byEmails) return validateNow(store, body.emails, context.at);
  const tag = body.file_tag;
  if (tag === undefined) return field("file_tag", "This field is required when file_id is given.");
  if (typeof tag !== "string" || !TAGS.has(tag))
    return field("file_tag", `"${tag}" is not a valid choice.`);
  const file = jobFile(context, store, body.file_id);
  if (file instanceof Response) return file;
  start(context, file, "validate", file.name, options);
  // File mode works in the background (inferred): nothing validated yet, everything remaining.
  const total = outcomes(file).length;
  return json({
    results: [],
    stats: { total, valid: 0, invalid: 0, disposable: 0, role_accounts: 0 },
    file_id: file.id,
    credits_used: 0,
    remaining_processing: total,
    batch_size: total,
  });
}
