/**
 * ZeroBounce bulk files: "File Status (v2)", send, get and delete, each with its A.I. scoring twin
 * under /v2/scoring/ (specs/zerobounce.yaml).
 * https://www.zerobounce.net/docs/email-validation-api-quickstart/v2-file-status
 */
import { isBadCredential, isoSeconds, json, type Context, type ProviderRoute } from "../context.ts";
import { readStreamedForm, type StreamedForm } from "../multipart.ts";
import { slidingWindow } from "../rate-limit.ts";
import type { Phase, UploadView } from "../uploads.ts";
import { zbFiles, type FileAnswer } from "./zerobounce-files.ts";

type Endpoint = "filestatus" | "sendfile" | "getfile" | "deletefile";
const ENDPOINTS: readonly Endpoint[] = ["filestatus", "sendfile", "getfile", "deletefile"];
/** Path → endpoint and whether it is the A.I. scoring twin. */
const PATHS = new Map<string, { endpoint: Endpoint; scoring: boolean }>(
  ENDPOINTS.flatMap((endpoint) => [
    [`/v2/${endpoint}`, { endpoint, scoring: false }],
    [`/v2/scoring/${endpoint}`, { endpoint, scoring: true }],
  ]),
);
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

function render(view: UploadView, returnUrl: string | null): Record<string, unknown> {
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
    return_url: returnUrl,
  };
}

/** Application errors arrive with HTTP 200 and `success: false`. */
const failure = (message: string, status = 200): Response =>
  json({ success: false, message }, status);

/**
 * The `sendfile` key is a form field (the send-file pages); every other endpoint takes it from the
 * query. A form that cannot be read has no key.
 */
async function credential(
  request: Request,
  url: URL,
  endpoint: Endpoint,
): Promise<{ key: string | null; form?: StreamedForm }> {
  if (endpoint !== "sendfile") return { key: url.searchParams.get("api_key") };
  const form = await readStreamedForm(request);
  return { key: "problem" in form ? null : (form.fields.get("api_key") ?? null), form };
}

export function zerobounce(): ProviderRoute {
  const perMinute = slidingWindow(LIMITS.requestsPerMinute, 60_000);
  const badPerHour = slidingWindow(LIMITS.badRequestsPerHour, HOUR);
  const blockedUntil = new Map<string, number>();
  const files = zbFiles();

  const blocked = (key: string, now: number, why: string): Response => {
    if ((blockedUntil.get(key) ?? 0) <= now) blockedUntil.set(key, now + LIMITS.blockMs);
    return failure(`${why} The API key is blocked for one hour.`, 429);
  };

  /** A bad request answers its error, unless it is one too many: then the key is blocked. */
  const bad = (key: string | null, now: number, answer: Response): Response => {
    if (key && !badPerHour.take(key, now).allowed)
      return blocked(key, now, "More than 200 bad requests in one hour.");
    return answer;
  };

  /** Every endpoint counts towards the same per-key limits. */
  const limited = (key: string | null, now: number): Response | undefined => {
    if (!key) return undefined;
    if ((blockedUntil.get(key) ?? 0) > now)
      return failure("The API key is blocked for one hour for exceeding the rate limits.", 429);
    if (!perMinute.take(key, now).allowed)
      return blocked(key, now, "More than 250 requests in one minute.");
    return undefined;
  };

  const handle = async (context: Context): Promise<Response> => {
    const { request, url, now } = context;
    const { endpoint, scoring } = PATHS.get(url.pathname)!;
    const method = endpoint === "sendfile" ? "POST" : "GET";
    if (request.method !== method)
      return failure(
        `The requested resource does not support http method '${request.method}'.`,
        405,
      );
    const { key, form } = await credential(request, url, endpoint);
    const limit = limited(key, now);
    if (limit) return limit;
    const answered = ({ response, bad: isBad }: FileAnswer) =>
      isBad ? bad(key, now, response) : response;
    if (form && "problem" in form)
      return bad(key, now, json({ success: false, message: [form.problem] }, 400));
    // The shape the JavaScript SDK's typings show for a bad key on sendfile.
    if (isBadCredential(key))
      return bad(
        key,
        now,
        form
          ? json({ success: "False", message: ["api_key is invalid"] })
          : failure("api_key is invalid."),
      );
    if (form) return answered(await files.send(context, form, scoring));
    const fileId = url.searchParams.get("file_id");
    const view =
      fileId && !files.foreign(fileId, scoring)
        ? context.views("zerobounce").find((v) => v.upload.id === fileId)
        : undefined;
    const shown =
      view && files.deleted(view.upload.id) ? { ...view, phase: "deleted" as const } : view;
    if (endpoint === "getfile") return answered(files.get(shown, url, scoring));
    if (endpoint === "deletefile") return answered(files.remove(shown));
    if (!shown) return bad(key, now, failure("file_id is invalid."));
    return json(render(shown, files.returnUrl(shown.upload.id)));
  };

  return { provider: "zerobounce", match: (url) => PATHS.has(url.pathname), handle };
}
