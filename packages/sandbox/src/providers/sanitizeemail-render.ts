/**
 * SanitizeEmail's file object and Django REST framework page envelopes, as the sandbox renders them
 * (specs/sanitizeemail.yaml `UploadedFile`, `PaginatedFileList`).
 */
import { hash, json } from "../context.ts";
import type { Phase, UploadView } from "../uploads.ts";
import { outcomes } from "./sanitizeemail-outcomes.ts";
import type { ReceivedFile } from "./sanitizeemail-store.ts";

export const detail = (status: number, text: string): Response => json({ detail: text }, status);
export const error = (status: number, text: string): Response => json({ error: text }, status);

/** Deleted files are gone from the API (404), so `deleted` is never rendered. */
const STATUS: Record<Phase, string> = {
  queued: "pending",
  processing: "processing",
  complete: "validated",
  failed: "failed",
  deleted: "deleted",
};

export const fileStatus = ({ upload, phase }: UploadView): string =>
  phase === "complete" && upload.tag === "clean" ? "cleaned" : STATUS[phase];

/** DRF writes timestamps with microseconds and the server's offset (`…04.351377+05:45`). */
export const drfDate = (ms: number): string => new Date(ms).toISOString().replace("Z", "000+00:00");

interface Counts {
  total: number;
  duplicates: number;
  dropped: number;
  valid: number;
  invalid: number;
}

/**
 * A file's counts, from its emails; a seeded file's, made up from its id until it has emails
 * (store.ts `seededFile` makes them up to match).
 */
function counts(view: UploadView, file: ReceivedFile | undefined): Counts {
  if (file) {
    const distinct = outcomes(file);
    const valid = distinct.filter((o) => o.verdict === "valid").length;
    const duplicates = file.emails.length - distinct.length;
    const invalid = distinct.length - valid;
    return { total: file.emails.length, duplicates, dropped: file.dropped, valid, invalid };
  }
  const total = 200 + (hash(view.upload.id) % 5_000);
  const duplicates = Math.floor(total / 20);
  const invalid = Math.floor((total - duplicates) / 8);
  return { total, duplicates, dropped: 0, valid: total - duplicates - invalid, invalid };
}

export function render(
  view: UploadView,
  origin: string,
  file?: ReceivedFile,
): Record<string, unknown> {
  const { upload, phase } = view;
  const id = Number(upload.id);
  const finished = phase === "complete";
  const count = (n: number) => (finished ? n : 0);
  const { total, duplicates, dropped, valid, invalid } = counts(view, file);
  const cleaning = upload.tag === "clean";
  const distinct = total - duplicates;
  return {
    id,
    name: file?.name ?? upload.name.replace(/\.[^.]*$/, ""),
    file_name: upload.name,
    file_size: String(file?.size ?? total * 31),
    status: fileStatus(view),
    user: { id: 100, username: "sandbox", email: "sandbox@example.com" },
    file: `${origin}/media/email_validation_files/${encodeURIComponent(upload.name)}`,
    file_tag: upload.tag ?? "validate",
    total_email: total,
    billable_email: count(distinct),
    duplicate_email: count(duplicates),
    dropped_email: count(dropped),
    clean_email_count: count(valid),
    bounced_email: count(invalid),
    bounce_rate: finished && distinct > 0 ? Math.round((invalid / distinct) * 10_000) / 10_000 : 0,
    created_date: drfDate(view.createdAt),
    is_file_organised: file?.organised ?? true,
    progress_percentage: view.percent ?? (finished ? 100 : 0),
    updated_date: drfDate(view.updatedAt),
    valid_emails_count: count(valid),
    invalid_emails_count: count(invalid),
    clean_email_id: finished && cleaning ? 23_000_000 + id : null,
    validate_email_id: finished && !cleaning ? 23_990_000 + id : null,
  };
}

const PAGE_SIZE = { default: 10, max: 100 } as const;

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

/** DRF page-number pagination of `items` (`page`, `size`, `page=last`); 404 past the end. */
export function paged<T>(url: URL, items: readonly T[], map: (item: T) => unknown): Response {
  const size = pageSize(url.searchParams.get("size"));
  const pages = Math.max(1, Math.ceil(items.length / size));
  const raw = url.searchParams.get("page") || "1";
  const page = raw === "last" ? pages : /^\s*\+?\d{1,9}\s*$/.test(raw) ? Number(raw) : 0;
  if (page < 1 || page > pages) return detail(404, "Invalid page.");
  return json({
    count: items.length,
    next: page < pages ? pageLink(url, page + 1) : null,
    previous: page > 1 ? pageLink(url, page - 1) : null,
    results: items.slice((page - 1) * size, page * size).map(map),
  });
}
