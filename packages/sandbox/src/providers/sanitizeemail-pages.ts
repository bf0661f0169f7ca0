/**
 * The results of a job as paged JSON: SanitizeEmail "Clean List Result" (`GET /cleanedemail/`) and
 * "Validation Result" (`GET /email-validation/`, by `file_id`, or `type=list` for the history of
 * direct `emails` validations). Empty until the job is done, as the docs say.
 * https://docs.sanitizeemail.com/api-reference/endpoint/clean_list_result, …/validation_result
 */
import type { Context } from "../context.ts";
import { drfDate, error, paged, render } from "./sanitizeemail-render.ts";
import { byQuery, finished } from "./sanitizeemail-results.ts";
import { mxRecords, outcomes, reasons, type Outcome } from "./sanitizeemail-outcomes.ts";
import type { Store } from "./sanitizeemail-store.ts";

/** `GET /v1/api/cleanedemail/?file_id=`: the kept addresses. */
export function cleanedEmails(context: Context, store: Store): Response {
  const found = byQuery(context, store);
  if (found instanceof Response) return found;
  const id = Number(found.view.upload.id);
  const parent = render(found.view, context.url.origin, found.file);
  const fields = ["id", "name", "file_name", "status", "clean_email_count", "bounce_rate"];
  const file = Object.fromEntries(fields.map((name) => [name, parent[name]]));
  const created = drfDate(found.view.updatedAt);
  const kept = finished(found, "clean").map((o, i) => ({ o, n: i + 1 }));
  return paged(context.url, kept, ({ o, n }) => ({
    id: id * 10_000 + n,
    workspace: { id: 1, name: "Sandbox", owner: 100 },
    clean_email: { id: 23_000_000 + id, file_id: file },
    valid_email: o.email,
    created_date: created,
  }));
}

/** The fields every validation result has, in file and list mode alike. */
function result(o: Outcome, id: number, at: number): Record<string, unknown> {
  return {
    id,
    email: o.email,
    normalized_email: o.normalized,
    status: o.verdict,
    is_disposable: false,
    is_role_account: o.role,
    mx_records: mxRecords(o).join(","),
    dns_validation_time: 0.01,
    smtp_validation_time: null,
    dmarc_record: null,
    created_date: drfDate(at),
    created_at: drfDate(at).slice(0, 10),
    updated_date: drfDate(at),
  };
}

/** `GET /v1/api/email-validation/?file_id=` or `?type=list`, not both. */
export function validationResults(context: Context, store: Store): Response {
  const { searchParams } = context.url;
  const listMode = searchParams.get("type");
  if (listMode !== null && searchParams.has("file_id"))
    return error(400, "file_id and type=list cannot be used together.");
  if (listMode !== null) {
    if (listMode !== "list") return error(400, `Unknown type "${listMode}"; use type=list.`);
    const history = [...store.history].reverse();
    return paged(context.url, history, (h) => ({
      ...result(h, h.id, h.at),
      type: "list",
      reason: reasons(h),
      file_id: null,
      validation_stats: null,
      metadata: { source: "api" },
    }));
  }
  const found = byQuery(context, store);
  if (found instanceof Response) return found;
  const { view, file } = found;
  const id = Number(view.upload.id);
  const nested = {
    ...render(view, context.url.origin, file),
    email_column: file.emailColumn ?? null,
  };
  const all = outcomes(file);
  const valid = all.filter((o) => o.verdict === "valid").length;
  const stats = {
    total_uploaded: file.emails.length + file.dropped,
    processed: all.length,
    valid,
    invalid: all.length - valid,
    unknown: 0,
    error: 0,
    dropped: file.dropped,
  };
  const done = finished(found, "validate").map((o, i) => ({ o, n: i + 1 }));
  return paged(context.url, done, ({ o, n }) => ({
    ...result(o, id * 10_000 + n, view.updatedAt),
    type: "file",
    reason: JSON.stringify(reasons(o)),
    file_id: nested,
    validation_stats: stats,
    metadata: { source: "file" },
  }));
}
