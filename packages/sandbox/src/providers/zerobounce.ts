/**
 * ZeroBounce bulk "File Status (v2)" and its A.I. scoring twin (specs/zerobounce.yaml).
 * https://www.zerobounce.net/docs/email-validation-api-quickstart/v2-file-status
 */
import { isBadCredential, isoSeconds, json, type Context, type ProviderRoute } from "../context.ts";
import { slidingWindow } from "../rate-limit.ts";
import type { Phase, UploadView } from "../uploads.ts";

const PATHS = new Set(["/v2/filestatus", "/v2/scoring/filestatus"]);
const HOUR = 3_600_000;

/**
 * https://www.zerobounce.net/docs/api-dashboard/api-rate-limits/: more than 250 requests a minute,
 * or more than 200 bad requests an hour, blocks the key for one hour. The docs do not say how a
 * blocked key is answered; the sandbox answers HTTP 429 with ZeroBounce's error body and, as
 * documented, no Retry-After.
 */
const LIMITS = {
  requestsPerMinute: 250,
  badRequestsPerHour: 200,
  blockMs: HOUR,
} as const;

const STATUS: Record<Phase, string> = {
  queued: "Queued",
  processing: "In Progress",
  complete: "Complete",
  failed: "Failed",
  deleted: "Deleted",
};

/** `42% Complete.` while processing, `100%` once done (both forms appear in the docs). */
function percentText(view: UploadView): string | undefined {
  if (view.percent === undefined) return undefined;
  return view.phase === "processing" ? `${view.percent}% Complete.` : `${view.percent}%`;
}

function render(view: UploadView): Record<string, unknown> {
  const percent = percentText(view);
  return {
    success: true,
    file_id: view.upload.id,
    file_name: view.upload.name,
    upload_date: isoSeconds(view.createdAt),
    file_status: STATUS[view.phase],
    ...(percent !== undefined && { complete_percentage: percent }),
    file_phase_2_status: "N/A",
    error_reason:
      view.phase === "failed" ? (view.upload.failure ?? "The file could not be processed.") : null,
    return_url: null,
  };
}

/** Application errors arrive with HTTP 200 and `success: false`. */
const failure = (message: string, status = 200): Response =>
  json({ success: false, message }, status);

export function zerobounce(): ProviderRoute {
  const perMinute = slidingWindow(LIMITS.requestsPerMinute, 60_000);
  const badPerHour = slidingWindow(LIMITS.badRequestsPerHour, HOUR);
  const blockedUntil = new Map<string, number>();

  const blocked = (key: string, now: number, why: string): Response => {
    if ((blockedUntil.get(key) ?? 0) <= now) blockedUntil.set(key, now + LIMITS.blockMs);
    return failure(`${why} The API key is blocked for one hour.`, 429);
  };

  /** A bad request answers its error, unless it is one too many: then the key is blocked. */
  const bad = (key: string | null, now: number, message: string): Response => {
    if (key && !badPerHour.take(key, now).allowed)
      return blocked(key, now, "More than 200 bad requests in one hour.");
    return failure(message);
  };

  const handle = ({ request, url, now, views }: Context): Response => {
    if (request.method !== "GET")
      return failure(
        `The requested resource does not support http method '${request.method}'.`,
        405,
      );
    const key = url.searchParams.get("api_key");
    if (key) {
      if ((blockedUntil.get(key) ?? 0) > now)
        return failure("The API key is blocked for one hour for exceeding the rate limits.", 429);
      if (!perMinute.take(key, now).allowed)
        return blocked(key, now, "More than 250 requests in one minute.");
    }
    if (isBadCredential(key)) return bad(key, now, "api_key is invalid.");
    const fileId = url.searchParams.get("file_id");
    const view = fileId ? views("zerobounce").find((v) => v.upload.id === fileId) : undefined;
    if (!view) return bad(key, now, "file_id is invalid.");
    return json(render(view));
  };

  return { provider: "zerobounce", match: (url) => PATHS.has(url.pathname), handle };
}
