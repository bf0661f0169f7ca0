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
import { dailyQuota, slidingWindow } from "../rate-limit.ts";
import type { Phase, UploadView } from "../uploads.ts";

const PREFIX = "/v2/library/files/uploadstatus/";

/** 4 calls per second and 10,000 per day per API key (v2 API throttling docs). */
const LIMITS = { perSecond: 4, daily: 10_000 } as const;

const STATUS: Record<Phase, string> = {
  queued: "Uploaded",
  processing: "Processing",
  complete: "Active",
  failed: "Failed",
  deleted: "Deleted",
};

const errors = (status: number, error_key: string, error_message: string): Response =>
  json([{ error_key, error_message }], status);

function render(view: UploadView): Record<string, string> {
  const { upload, phase } = view;
  const virus = phase === "failed" && /virus/i.test(upload.failure ?? "");
  const status = virus ? "VirusFound" : STATUS[phase];
  // The documented example repeats the status as the description.
  return { file_id: upload.id, status, description: status };
}

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

export function constantcontact(): ProviderRoute {
  const perSecond = slidingWindow(LIMITS.perSecond, 1_000);
  const daily = dailyQuota(LIMITS.daily);

  const handle = ({ request, url, now, views }: Context): Response => {
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
    const ids = requestedIds(url.pathname);
    if (ids === undefined || request.method !== "GET")
      return errors(404, "http.status.not_found", "The requested URL was not found.");
    if (!acceptsJson(request.headers.get("accept")))
      return errors(
        406,
        "http.status.not_acceptable",
        "The Accept header must allow application/json.",
      );
    const found = views("constantcontact");
    return json(ids.flatMap((id) => found.filter((v) => v.upload.id === id).map(render)));
  };

  return {
    provider: "constantcontact",
    match: (url) => url.pathname.startsWith("/v2/library/"),
    handle,
  };
}
