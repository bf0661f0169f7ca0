/**
 * SanitizeEmail "List Uploaded Files" and "View File Details" (specs/sanitizeemail.yaml).
 * https://docs.sanitizeemail.com/api-reference/endpoint/view_all_files
 * The API is Django REST framework; where its docs are silent the sandbox answers as DRF does
 * (`{"detail": …}` errors, page-number pagination). No rate limit is documented, so none is applied.
 */
import { hash, isBadCredential, json, type Context, type ProviderRoute } from "../context.ts";
import type { Phase, UploadView } from "../uploads.ts";

const LIST = "/v1/api/filesupload/";
const TAGS = new Set(["clean", "validate", "analyze"]);
const PAGE_SIZE = { default: 10, max: 100 } as const;

const detail = (status: number, text: string): Response => json({ detail: text }, status);

/** Deleted files are gone from the API (404), so `deleted` is never rendered. */
const STATUS: Record<Phase, string> = {
  queued: "pending",
  processing: "processing",
  complete: "validated",
  failed: "failed",
  deleted: "deleted",
};

const status = ({ upload, phase }: UploadView): string =>
  phase === "complete" && upload.tag === "clean" ? "cleaned" : STATUS[phase];

/** DRF writes timestamps with microseconds and the server's offset (`…04.351377+05:45`). */
const drfDate = (ms: number): string => new Date(ms).toISOString().replace("Z", "000+00:00");

function render(view: UploadView, origin: string): Record<string, unknown> {
  const { upload, phase } = view;
  const id = Number(upload.id);
  const total = 200 + (hash(upload.id) % 5_000);
  const finished = phase === "complete";
  const count = (n: number) => (finished ? n : 0);
  const duplicates = Math.floor(total / 20);
  const invalid = Math.floor((total - duplicates) / 8);
  const valid = total - duplicates - invalid;
  const cleaning = upload.tag === "clean";
  return {
    id,
    name: upload.name.replace(/\.[^.]*$/, ""),
    file_name: upload.name,
    file_size: String(total * 31),
    status: status(view),
    user: { id: 100, username: "sandbox", email: "sandbox@example.com" },
    file: `${origin}/media/email_validation_files/${encodeURIComponent(upload.name)}`,
    file_tag: upload.tag ?? "validate",
    total_email: total,
    billable_email: count(total - duplicates),
    duplicate_email: count(duplicates),
    dropped_email: 0,
    clean_email_count: count(valid),
    bounced_email: count(invalid),
    bounce_rate: finished ? Math.round((invalid / total) * 10_000) / 10_000 : 0,
    created_date: drfDate(view.createdAt),
    is_file_organised: true,
    progress_percentage: view.percent ?? (finished ? 100 : 0),
    updated_date: drfDate(view.updatedAt),
    valid_emails_count: count(valid),
    invalid_emails_count: count(invalid),
    clean_email_id: finished && cleaning ? 23_000_000 + id : null,
    validate_email_id: finished && !cleaning ? 23_990_000 + id : null,
  };
}

/** DRF's `_positive_int(strict=True, cutoff=max)`: anything else falls back to the default. */
function pageSize(raw: string | null): number {
  if (raw === null || !/^\s*\+?\d+\s*$/.test(raw) || Number(raw) <= 0) return PAGE_SIZE.default;
  return Math.min(Number(raw), PAGE_SIZE.max);
}

/** DRF's `replace_query_param`: the request's own URL with `page` replaced, keys sorted. */
function pageLink(url: URL, page: number): string {
  const params = new URLSearchParams(url.search);
  params.set("page", String(page));
  params.sort();
  return `${url.origin}${url.pathname}?${params}`;
}

function list({ url, views }: Context): Response {
  const tag = url.searchParams.get("file_tag");
  if (tag && !TAGS.has(tag))
    return json(
      { file_tag: [`Select a valid choice. ${tag} is not one of the available choices.`] },
      400,
    );
  const files = views("sanitizeemail").filter(
    (v) => v.phase !== "deleted" && (!tag || (v.upload.tag ?? "validate") === tag),
  );
  const size = pageSize(url.searchParams.get("size"));
  const pages = Math.max(1, Math.ceil(files.length / size));
  const raw = url.searchParams.get("page") || "1";
  const page = raw === "last" ? pages : /^\s*\+?\d{1,9}\s*$/.test(raw) ? Number(raw) : 0;
  if (page < 1 || page > pages) return detail(404, "Invalid page.");
  return json({
    count: files.length,
    next: page < pages ? pageLink(url, page + 1) : null,
    previous: page > 1 ? pageLink(url, page - 1) : null,
    results: files.slice((page - 1) * size, page * size).map((v) => render(v, url.origin)),
  });
}

function handle(context: Context): Response {
  const { request, url, views } = context;
  if (request.method !== "GET") return detail(405, `Method "${request.method}" not allowed.`);
  const key = request.headers.get("x-api-key");
  if (!key) return detail(401, "Authentication credentials were not provided.");
  if (isBadCredential(key)) return detail(401, "Invalid API key.");
  if (url.pathname === LIST) return list(context);
  const id = url.pathname.slice(LIST.length);
  const view = views("sanitizeemail").find((v) => v.upload.id === id && v.phase !== "deleted");
  return view ? json(render(view, url.origin)) : detail(404, "Not found.");
}

export function sanitizeemail(): ProviderRoute {
  return {
    provider: "sanitizeemail",
    match: (url) => url.pathname.startsWith("/v1/api/filesupload"),
    handle,
  };
}
