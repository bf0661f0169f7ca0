/**
 * IPQualityScore bulk CSV API (specs/ipqs.yaml): upload, "List CSVs", "Check CSV status", and the
 * one-time download links a FINISHED status hands out.
 * https://www.ipqualityscore.com/documentation/csv-api/retrieve-csv-list
 * No rate limit is documented, so none is applied.
 */
import { hash, isBadCredential, json, randomId, segments, type Context } from "../context.ts";
import type { ProviderRoute } from "../context.ts";
import { processingMs, QUEUED_MS } from "../lists.ts";
import type { UploadView } from "../uploads.ts";
import { processRows, resultCsv, sampleRows, SAMPLE_FILES, SUFFIX, WHICH } from "./ipqs-files.ts";
import type { Processed } from "./ipqs-files.ts";
import { DOWNLOAD_PATH, linkStore } from "./ipqs-links.ts";
import { FILES_PATH, listParams, readUpload } from "./ipqs-upload.ts";

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
/** New CSVs are numbered on from IPQS's documented example upload (id 3868534). */
const FIRST_ID = 3_868_534;

/** Every IPQS answer, errors included, is HTTP 200 with `success` and a `request_id`. */
const answer = (body: Record<string, unknown>): Response =>
  json({ ...body, request_id: randomId(), ...(body.success === true && { api_version: 1 }) });
const failure = (message: string): Response => answer({ success: false, message });
const text = (body: string, status: number, headers: HeadersInit = {}): Response =>
  new Response(body, { status, headers: { "content-type": "text/plain", ...headers } });

/** `email_2026-06-25 12:14:06`: the name IPQS gives a CSV uploaded without `file_name`. */
const generatedName = (type: string, at: number) =>
  `${type}_${new Date(at).toISOString().slice(0, 19).replace("T", " ")}`;

export function ipqs(): ProviderRoute {
  const links = linkStore();
  /** What each CSV received at run time holds; seeded CSVs show the sample of their type. */
  const received = new Map<string, Processed>();
  let nextId = FIRST_ID;

  const typeOf = (view: UploadView) => view.upload.tag ?? "email";
  const processed = (view: UploadView) =>
    received.get(view.upload.id) ?? processRows(typeOf(view), sampleRows(typeOf(view)));

  /**
   * An aborted CSV keeps the status it had when processing stopped (PROCESSING) and is flagged
   * `aborted: true`; it never reaches FINISHED, so it never gets download links.
   */
  const csv = ({ upload, phase }: UploadView): Record<string, unknown> => {
    const results = received.get(upload.id);
    const invalid = results?.records.filter((r) => !r.valid).length ?? hash(upload.id) % 50;
    return {
      id: Number(upload.id),
      file_name: upload.name,
      type: upload.tag ?? "email",
      strictness: 0,
      status: phase === "queued" ? "NEW" : phase === "complete" ? "FINISHED" : "PROCESSING",
      aborted: phase === "failed",
      invalid_records: phase === "complete" ? invalid : 0,
    };
  };

  const list = async ({ request, url, views }: Context, keySegment: string) => {
    const params = await listParams(request, url);
    const type = params.get("type") || undefined;
    if (type !== undefined && !TYPES.has(type)) return failure("Invalid type specified.");
    const csvs = views("ipqs").filter(
      (v) => v.phase !== "deleted" && (!type || typeOf(v) === type),
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
    const base = view.upload.name.replace(/\.csv$/i, "");
    const downloads = Object.fromEntries(
      WHICH.map((which) => {
        const filename = `${base}-${SUFFIX[which]}`;
        const link = { id: view.upload.id, which, filename };
        return [which, finished ? links.make(url.origin, link, now) : null];
      }),
    );
    return answer({ message: "Success", success: true, ...csv(view), downloads });
  };

  const upload = async (context: Context, type: string, keySegment: string) => {
    const { request, url, at, views } = context;
    if (!TYPES.has(type)) return failure("Invalid file type specified.");
    const got = await readUpload(request, url);
    if ("problem" in got) return failure(got.problem);
    const results = processRows(type, got.rows);
    if (results.records.length === 0) return failure("The file is empty: there are no records.");
    const taken = new Set(views("ipqs").map((v) => v.upload.id));
    while (taken.has(String(nextId))) nextId++;
    const id = String(nextId++);
    const name = got.fileName ?? generatedName(type, at);
    const rows = results.records.length;
    // IPQS reports no progress while processing: only NEW, PROCESSING and FINISHED.
    context.add({
      ...{ provider: "ipqs", id, name, createdAt: 0, tag: type, outcome: "complete" },
      ...{ queuedMs: QUEUED_MS, processingMs: processingMs(rows), progress: "none" },
    });
    received.set(id, results);
    return answer({
      message: "Success",
      success: true,
      id: Number(id),
      file_name: name,
      type,
      strictness: 0,
      status: "NEW",
      aborted: null,
      invalid_records: 0,
      status_url: `${url.origin}${PREFIX}${keySegment}/status/${id}`,
      downloads: { pristine: null, clean: null, bad: null, all: null },
    });
  };

  const download = ({ url, now, views }: Context): Response => {
    const link = links.take(url.searchParams.get("download") ?? "", now);
    if (link === "expired")
      return text("This download link has expired. Check the CSV's status for a fresh one.\n", 410);
    const view = link && views("ipqs").find((v) => v.upload.id === link.id);
    if (!link || !view)
      return text("This download link was already used or does not exist.\n", 404);
    const disposition = `attachment; filename="${link.filename.replace(/["\\\r\n]/g, "_")}"`;
    return new Response(resultCsv(typeOf(view), processed(view), link.which), {
      headers: { "content-type": "text/csv", "content-disposition": disposition },
    });
  };

  const sample = (url: URL): Response => {
    const file = SAMPLE_FILES[url.pathname.slice(FILES_PATH.length)];
    return file === undefined
      ? text("No such sample file.\n", 404)
      : new Response(file, { headers: { "content-type": "text/csv" } });
  };

  const handle = (context: Context): Response | Promise<Response> => {
    const { request, url } = context;
    const get = request.method === "GET";
    const file = url.pathname === DOWNLOAD_PATH || url.pathname.startsWith(FILES_PATH);
    if (file && !get) return text("Method Not Allowed\n", 405, { allow: "GET" });
    if (url.pathname === DOWNLOAD_PATH) return download(context);
    if (file) return sample(url);
    const parts = segments(url) ?? [];
    const [key, action, id, ...rest] = parts.slice(3);
    if (isBadCredential(key))
      return failure("Invalid or unauthorized key. Please check the API key and try again.");
    const keySegment = url.pathname.slice(PREFIX.length).split("/")[0] ?? "";
    if (id === "upload" && rest.length === 0 && request.method === "POST")
      return upload(context, action ?? "", keySegment);
    if (action === "list" && id === undefined && (get || request.method === "POST"))
      return list(context, keySegment);
    if (action === "status" && rest.length === 0 && get) return status(context, id);
    return json({ success: false, message: "Invalid request.", request_id: randomId() }, 404);
  };

  return {
    provider: "ipqs",
    match: (url) =>
      url.pathname.startsWith(PREFIX) ||
      url.pathname === DOWNLOAD_PATH ||
      url.pathname.startsWith(FILES_PATH),
    handle,
  };
}
