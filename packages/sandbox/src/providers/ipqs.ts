/**
 * IPQualityScore bulk CSV "List CSVs" and "Check CSV status" (specs/ipqs.yaml).
 * https://www.ipqualityscore.com/documentation/csv-api/retrieve-csv-list
 * No rate limit is documented, so none is applied.
 */
import { hash, isBadCredential, json, randomId, segments, type Context } from "../context.ts";
import type { ProviderRoute } from "../context.ts";
import type { UploadView } from "../uploads.ts";

const PREFIX = "/api/json/csv/";
const PER_PAGE = 50;
const TYPES = new Set([
  "proxy",
  "email",
  "url",
  "phone",
  "leaked_email",
  "leaked_password",
  "leaked_username",
]);
/** Download links are one-time links valid for 15 minutes (check-csv-status docs). */
const DOWNLOAD_TTL_MS = 15 * 60_000;

/** Every IPQS answer, errors included, is HTTP 200 with `success` and a `request_id`. */
const answer = (body: Record<string, unknown>): Response =>
  json({ ...body, request_id: randomId(), ...(body.success === true && { api_version: 1 }) });
const failure = (message: string): Response => answer({ success: false, message });

/**
 * An aborted CSV keeps the status it had when processing stopped (PROCESSING) and is flagged
 * `aborted: true`; it never reaches FINISHED, so it never gets download links.
 */
function csv(view: UploadView): Record<string, unknown> {
  const { upload, phase } = view;
  return {
    id: Number(upload.id),
    file_name: upload.name,
    type: upload.tag ?? "email",
    strictness: 0,
    status: phase === "queued" ? "NEW" : phase === "complete" ? "FINISHED" : "PROCESSING",
    aborted: phase === "failed",
    invalid_records: phase === "complete" ? hash(upload.id) % 50 : 0,
  };
}

/** Form fields of `POST /list` (urlencoded or multipart) on top of the query string. */
async function listParams(request: Request, url: URL): Promise<URLSearchParams> {
  const params = new URLSearchParams(url.search);
  if (request.method !== "POST") return params;
  const form = await request.formData().catch(() => undefined);
  form?.forEach((value, name) => {
    if (typeof value === "string") params.set(name, value);
  });
  return params;
}

export function ipqs(): ProviderRoute {
  const downloads = new Map<string, number>();

  const link = (origin: string, view: UploadView, kind: string, now: number): string => {
    const token = randomId(32);
    downloads.set(token, now + DOWNLOAD_TTL_MS);
    const base = view.upload.name.replace(/\.csv$/i, "");
    const filename = `${base}-IPQualityScore-${kind}-Results.csv`;
    return `${origin}/download?${new URLSearchParams({ download: token, filename })}`;
  };

  const list = async ({ request, url, views }: Context, keySegment: string) => {
    const params = await listParams(request, url);
    const type = params.get("type") || undefined;
    if (type !== undefined && !TYPES.has(type)) return failure("Invalid type specified.");
    const csvs = views("ipqs").filter(
      (v) => v.phase !== "deleted" && (!type || (v.upload.tag ?? "email") === type),
    );
    const totalPages = Math.ceil(csvs.length / PER_PAGE);
    const rawPage = params.get("page") || "1";
    const page = /^\d{1,9}$/.test(rawPage) ? Number(rawPage) : 0;
    if (page < 1 || page > Math.max(1, totalPages)) return failure("Invalid page specified.");
    const statusUrl = `${url.origin}${PREFIX}${keySegment}/status/`;
    return answer({
      message: "Success",
      success: true,
      csvs: csvs
        .slice((page - 1) * PER_PAGE, page * PER_PAGE)
        .map((v) => ({ ...csv(v), status_url: statusUrl + v.upload.id })),
      total_csvs: csvs.length,
      total_pages: totalPages,
      page,
    });
  };

  const status = ({ url, now, views }: Context, id: string | undefined) => {
    const view = views("ipqs").find((v) => v.upload.id === id && v.phase !== "deleted");
    if (!view) return failure("Invalid CSV ID specified.");
    const finished = view.phase === "complete";
    const file = (kind: string) => (finished ? link(url.origin, view, kind, now) : null);
    const downloads = { pristine: null, clean: null, bad: file("Invalid"), all: file("All") };
    return answer({ message: "Success", success: true, ...csv(view), downloads });
  };

  const download = ({ url, now }: Context): Response => {
    const token = url.searchParams.get("download") ?? "";
    const expires = downloads.get(token);
    downloads.delete(token);
    if (expires === undefined || expires < now)
      return new Response("This download link has expired or was already used.\n", { status: 404 });
    const headers = { "content-type": "text/csv", "content-disposition": "attachment" };
    return new Response("email,valid\nalice@example.com,true\nbob@example.invalid,false\n", {
      headers,
    });
  };

  const handle = (context: Context): Response | Promise<Response> => {
    const { request, url } = context;
    if (url.pathname === "/download") return download(context);
    const parts = segments(url) ?? [];
    const [key, action, id, ...rest] = parts.slice(3);
    if (isBadCredential(key))
      return failure("Invalid or unauthorized key. Please check the API key and try again.");
    const keySegment = url.pathname.slice(PREFIX.length).split("/")[0] ?? "";
    const get = request.method === "GET";
    if (action === "list" && id === undefined && (get || request.method === "POST"))
      return list(context, keySegment);
    if (action === "status" && rest.length === 0 && get) return status(context, id);
    return json({ success: false, message: "Invalid request.", request_id: randomId() }, 404);
  };

  return {
    provider: "ipqs",
    match: (url) => url.pathname.startsWith(PREFIX) || url.pathname === "/download",
    handle,
  };
}
