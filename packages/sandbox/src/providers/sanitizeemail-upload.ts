/**
 * SanitizeEmail "File Upload", `POST /v1/api/filesupload/` (multipart).
 * https://docs.sanitizeemail.com/api-reference/endpoint/file_upload
 * Field errors are keyed by field, as Django REST framework writes them; the "requires email column
 * selection" answer is the documented HTTP 200 body.
 */
import { json, type Context } from "../context.ts";
import { parseCsv, processingMs, readForm } from "../lists.ts";
import { detail, error, render } from "./sanitizeemail-render.ts";
import { IDLE_MS, newId, type ReceivedFile, type Store } from "./sanitizeemail-store.ts";

const TAGS = new Set(["clean", "validate", "analyze"]);
/** Header names the API recognises as the email column by itself (compared case-insensitively). */
const EMAIL_HEADERS = new Set(["email", "email_address", "e-mail"]);

const field = (name: string, text: string): Response => json({ [name]: [text] }, 400);

/** DRF's BooleanField spellings. */
function parseBoolean(raw: string): boolean | undefined {
  if (/^(true|1|yes|on)$/i.test(raw)) return true;
  if (/^(false|0|no|off)$/i.test(raw)) return false;
  return undefined;
}

/** The documented 200 answer: no job starts until the file is sent again with `email_column`. */
function selection(rows: string[][], message: string, firstTime: boolean): Response {
  const [header = [], ...data] = rows;
  const sample = data
    .slice(0, 3)
    .map((row) => Object.fromEntries(header.map((name, i) => [name, row[i] ?? ""])));
  return json({
    error: message,
    is_first_time: firstTime,
    available_columns: header,
    sample_first_3_rows: sample,
  });
}

type Emails = { emails: string[]; dropped: number; column: string | undefined } | Response;

/** What an address looks like inside unstructured text. */
const ADDRESS = /[^\s,;:<>()"'[\]]+@[^\s,;:<>()"'[\]]+/g;

/** The emails of the file: from its email column when organised, else every address in it. */
function findEmails(rows: string[][], organised: boolean, asked: string | undefined): Emails {
  if (!organised) {
    const emails = rows.flat().flatMap((cell) => cell.match(ADDRESS) ?? []);
    return { emails, dropped: 0, column: undefined };
  }
  const header = (rows[0] ?? []).map((name) => name.trim());
  const index =
    asked === undefined
      ? header.findIndex((name) => EMAIL_HEADERS.has(name.toLowerCase()))
      : header.indexOf(asked.trim());
  if (index < 0)
    return asked === undefined
      ? selection(rows, "File uploaded but requires email column selection", true)
      : selection(rows, `Column "${asked}" was not found in the file.`, false);
  const cells = rows.slice(1).map((row) => (row[index] ?? "").trim());
  const emails = cells.filter((cell) => cell !== "");
  return { emails, dropped: cells.length - emails.length, column: header[index] };
}

export async function upload(context: Context, store: Store): Promise<Response> {
  const form = await readForm(context.request);
  if ("problem" in form) return detail(400, form.problem);
  const file = form.files.get("file");
  if (!file) return field("file", "No file was submitted.");
  const name = form.fields.get("name")?.trim();
  if (!name) return field("name", "This field is required.");
  const organisedRaw = form.fields.get("is_file_organised");
  if (organisedRaw === undefined) return field("is_file_organised", "This field is required.");
  const organised = parseBoolean(organisedRaw);
  if (organised === undefined) return field("is_file_organised", "Must be a valid boolean.");
  const tag = form.fields.get("file_tag") || "validate";
  if (!TAGS.has(tag)) return field("file_tag", `"${tag}" is not a valid choice.`);
  if (!/\.(csv|xlsx)$/i.test(file.name))
    return error(400, "Unsupported file type. Please upload a CSV or XLSX file.");
  if (file.size === 0) return field("file", "The submitted file is empty.");
  if (/\.xlsx$/i.test(file.name))
    return error(
      400,
      "sandbox: XLSX files are accepted by SanitizeEmail but not simulated; send CSV",
    );
  const asked = form.fields.get("email_column") || undefined;
  const found = findEmails(parseCsv(file.text), organised, asked);
  if (found instanceof Response) return found;

  const id = newId(context, store);
  const received: ReceivedFile = {
    id,
    name,
    fileName: file.name,
    size: file.size,
    organised,
    emailColumn: found.column,
    emails: found.emails,
    dropped: found.dropped,
  };
  store.files.set(id, received);
  const seed = {
    provider: "sanitizeemail" as const,
    id,
    name: file.name,
    createdAt: 0,
    queuedMs: IDLE_MS,
    processingMs: processingMs(found.emails.length),
    outcome: "complete" as const,
    progress: "linear" as const,
    tag,
  };
  context.add(seed);
  const view = { upload: seed, phase: "queued" as const, percent: 0 };
  const at = { createdAt: context.at, updatedAt: context.at };
  return json(render({ ...view, ...at }, context.url.origin, received), 201);
}
