/**
 * Results arrive as files: a CSV from the API itself (ZeroBounce `getfile`), or from a link the
 * provider hands out (IPQS `downloads`, SanitizeEmail's pre-signed `download_url`). Either way the
 * caller gets a web `Response` whose body streams; it is never read whole here.
 */
import { apiErrorFrom, type ErrorContext } from "./api-error.ts";
import type { ApiClient, FetchResult } from "./client.ts";
import type { ApiError } from "./errors.ts";
import { responseOrigin } from "./fetch.ts";
import { countingStream, declaredLength, type RoundTripOptions } from "./progress.ts";
import { REDACTED } from "./redact.ts";
import { isFileBody } from "./stream.ts";

/**
 * `url` with every query value replaced by `***`: what a download link looks like in `raw`, in
 * errors and in logs. The token of an IPQS link and the signature of a pre-signed link are query
 * values; anything unparsable is replaced whole.
 */
export function redactLink(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return REDACTED;
  }
  if (parsed.username || parsed.password) ((parsed.username = REDACTED), (parsed.password = ""));
  const names = [...new Set(parsed.searchParams.keys())];
  if (names.length === 0) return parsed.href;
  parsed.search = names.map((name) => `${encodeURIComponent(name)}=${REDACTED}`).join("&");
  return parsed.href.replace(/%2A%2A%2A/g, REDACTED);
}

/** The link and its long query values: the secrets a client redacts while fetching it. */
export function linkSecrets(url: string): string[] {
  try {
    const parsed = new URL(url);
    // Tokens and signatures are long; a short value (`X-Amz-Expires=900`) is no secret, and
    // redacting it would garble messages wherever the same digits stand.
    const values = [...parsed.searchParams.values(), parsed.password];
    return [url, ...values.filter((v) => v.length >= 12)];
  } catch {
    return [url];
  }
}

/** `response` with its body counted for `downloading` progress; status, headers and URL kept. */
export function withDownloadProgress(response: Response, options: RoundTripOptions): Response {
  if (!options.onProgress || response.body === null) return response;
  const body = countingStream(
    response.body,
    "downloading",
    declaredLength(response.headers),
    options.onProgress,
  );
  const copy = new Response(body, {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
  Object.defineProperty(copy, "url", { value: response.url });
  const origin = responseOrigin.get(response);
  if (origin) responseOrigin.set(copy, origin);
  return copy;
}

/** An {@link ApiError} from a response whose body is still unread (bounded by the transport). */
export async function errorFromResponse(
  context: ErrorContext,
  response: Response,
  reason?: string,
): Promise<ApiError> {
  const text = await response.text().catch(() => "");
  let body: unknown = text;
  try {
    body = text === "" ? undefined : JSON.parse(text);
  } catch {
    // kept as text
  }
  const origin = responseOrigin.get(response) ?? { method: "GET", url: response.url };
  return apiErrorFrom(context, origin, response, body, reason);
}

/**
 * The results of a call made with `parseAs: "stream"`: an {@link ApiError} for an error answer or
 * for a JSON (or other API-like) body where a file was expected (ZeroBounce answers "File not
 * ready" with HTTP 200); otherwise the response, its body streaming.
 */
export async function streamedResults(
  client: ApiClient<{}>,
  call: FetchResult | Promise<FetchResult>,
  options: RoundTripOptions = {},
): Promise<Response> {
  const { error, response } = await call;
  if (error !== undefined || !response.ok) return client.unwrap({ error, response }) as never;
  if (!isFileBody(response)) {
    const context = {
      provider: client.provider,
      redact: client.redact,
      now: () => client.clock.now(),
    };
    throw await errorFromResponse(
      context,
      response,
      "an answer where the results file was expected",
    );
  }
  return withDownloadProgress(response, options);
}
