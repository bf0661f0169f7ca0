/**
 * Constant Contact v2 MyLibrary "Library File Upload Status" (specs/constantcontact.yaml).
 * https://v2.developer.constantcontact.com/docs/mylibrary-files-api/file-upload-status.html
 * Errors are arrays of `{ error_key, error_message }`; the API gateway (Mashery) answers the key
 * checks and the rate limits before the API sees the token.
 */
import {
  bearerToken,
  isBadCredential,
  json,
  type Context,
  type ProviderRoute,
} from "../context.ts";
import { readForm } from "../lists.ts";
import { dailyQuota, slidingWindow } from "../rate-limit.ts";
import { checkUpload, MAX_UPLOAD_BYTES } from "./constantcontact-form.ts";
import {
  errors,
  FILES_PREFIX,
  library,
  notFound,
  type Library,
} from "./constantcontact-library.ts";
import { listPage } from "./constantcontact-list.ts";

const PREFIX = "/v2/library/files/uploadstatus/";
const FILES = "/v2/library/files";

/** 4 calls per second and 10,000 per day per API key (v2 API throttling docs). */
const LIMITS = { perSecond: 4, daily: 10_000 } as const;

/** The Ruby SDK's fixture `library_info_response.json`, whose upload limit the sandbox enforces. */
const INFO = [
  {
    max_free_file_num: 0,
    max_premium_space_limit: 262_144_000,
    image_root: "https://origin.ih.constantcontact.com",
    usage_summary: {
      folder_count: 6,
      file_count: 637,
      image_count: 492,
      document_count: 145,
      total_bytes_used: 36_240_602,
      image_bytes_used: 34_628_484,
      document_bytes_used: 1_612_118,
      total_bytes_remaining: 225_903_398,
      free_files_remaining: 0,
    },
    max_upload_size_limit: MAX_UPLOAD_BYTES,
  },
];

/**
 * Whether `Accept` allows JSON. The docs say to send `application/json`; by HTTP content
 * negotiation (RFC 9110 §12.5.1) the wildcards (`application/*`, the all-types range) and a
 * missing header allow it too, so only a header that rules JSON out (`text/html`,
 * `application/xml`, `application/json;q=0`) is answered with 406.
 */
export function acceptsJson(accept: string | null): boolean {
  if (accept === null || accept.trim() === "") return true;
  return accept.split(",").some((range) => {
    const [type = "", ...params] = range.split(";").map((part) => part.trim().toLowerCase());
    const q = params.find((p) => /^q\s*=/.test(p));
    if (q !== undefined && Number(q.replace(/^q\s*=\s*/, "")) === 0) return false;
    return type === "application/json" || type === "application/*" || type === "*/*";
  });
}

/** The comma-separated ids of the path, decoded, without blanks or repeats. */
function requestedIds(pathname: string): string[] | undefined {
  const raw = pathname.slice(PREFIX.length);
  if (!pathname.startsWith(PREFIX) || raw === "" || raw.includes("/")) return undefined;
  try {
    return [...new Set(raw.split(",").map((id) => decodeURIComponent(id).trim()))].filter(Boolean);
  } catch {
    return undefined;
  }
}

const decoded = (segment: string): string | undefined => {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
};

type Handler = (context: Context) => Response | Promise<Response>;

/** The endpoint `method` `pathname` names, or undefined (a 404). */
function endpoint(method: string, pathname: string, files: Library): Handler | undefined {
  const id = pathname.startsWith(`${FILES}/`) ? pathname.slice(FILES.length + 1) : undefined;
  if (method === "GET" && pathname.startsWith(PREFIX)) {
    const ids = requestedIds(pathname);
    return ids && (({ views }) => json(ids.flatMap((i) => statusesOf(views, i, files))));
  }
  if (pathname === FILES && method === "POST") return (context) => upload(context, files);
  if (pathname === FILES && method === "GET")
    return (context) => listPage(context.url.searchParams, files.files(context));
  if (pathname === "/v2/library/info" && method === "GET") return () => json(INFO);
  const fileId = id === undefined || id.includes("/") ? undefined : decoded(id);
  if (!fileId) return undefined;
  if (method === "GET")
    return (context) => {
      const file = files.file(context, fileId);
      return file ? json(file) : notFound();
    };
  if (method === "DELETE")
    return (context) =>
      files.remove(context, fileId) ? new Response(null, { status: 204 }) : notFound();
  return undefined;
}

function statusesOf(views: Context["views"], id: string, files: Library) {
  return views("constantcontact")
    .filter((v) => v.upload.id === id)
    .map((view) => {
      const status = files.status(view);
      // The documented example repeats the status as the description.
      return { file_id: view.upload.id, status, description: status };
    });
}

/** The multipart POST: 400 naming what is wrong, else 202 with the new file's `Location`. */
async function upload(context: Context, files: Library): Promise<Response> {
  const accepted = await checkUpload(await readForm(context.request));
  if ("problem" in accepted) return errors(400, "http.status.bad_request", accepted.problem);
  const id = files.add(context, accepted);
  const location = `${context.url.origin}${FILES}/${id}`;
  return new Response(null, {
    status: 202,
    headers: { Location: location, "content-length": "0" },
  });
}

export function constantcontact(): ProviderRoute {
  const perSecond = slidingWindow(LIMITS.perSecond, 1_000);
  const daily = dailyQuota(LIMITS.daily);
  const files = library();

  const handle = async (context: Context): Promise<Response> => {
    const { request, url, now } = context;
    // The hosted files are public, as on Constant Contact's image host: no key, no limits.
    if (url.pathname.startsWith(FILES_PREFIX)) return files.serve(context);
    const key = url.searchParams.get("api_key");
    if (key) {
      if (!perSecond.take(key, now).allowed)
        return errors(
          403,
          "mashery.not.authorized.over.qps",
          "Account Over Queries Per Second Limit",
        );
      if (!daily.take(key, now).allowed)
        return errors(403, "mashery.not.authorized.over.rate", "Account Over Rate Limit");
    }
    if (key && isBadCredential(key))
      return errors(403, "mashery.not.authorized.inactive", "Account Inactive");
    if (!key || isBadCredential(bearerToken(request)))
      return errors(401, "http.status.authentication.invalid_token", "Invalid token.");
    const handler = endpoint(request.method, url.pathname, files);
    if (!handler) return errors(404, "http.status.not_found", "The requested URL was not found.");
    if (!acceptsJson(request.headers.get("accept")))
      return errors(
        406,
        "http.status.not_acceptable",
        "The Accept header must allow application/json.",
      );
    return handler(context);
  };

  return {
    provider: "constantcontact",
    match: (url) =>
      url.pathname.startsWith("/v2/library/") || url.pathname.startsWith(FILES_PREFIX),
    handle,
  };
}
