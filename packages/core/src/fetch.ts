/**
 * The transport beneath openapi-fetch. One logical request from openapi-fetch becomes up to
 * `retries + 1` attempts (attempt.ts), paced by the retry policy (retry.ts) and any wait the server
 * asks for, so middleware above sees one request and one response.
 */
import { apiErrorFrom } from "./api-error.ts";
import { ReadResponse, responseOrigin } from "./answered.ts";
import { attemptOnce, type Fetch, type TransportOptions } from "./attempt.ts";
import { safeDebug } from "./log.ts";
import {
  backoffMs,
  IDEMPOTENT_METHODS,
  rateLimitWindowMs,
  RETRY_DEFAULTS,
  retryAfterMs,
  RETRYABLE_STATUSES,
} from "./retry.ts";

export { responseOrigin, type Fetch, type TransportOptions } from "./attempt.ts";

/**
 * A 2xx body that does not parse is an {@link ApiError}, not a `SyntaxError` in the caller. The
 * value parsed is the one openapi-fetch gets: the body is parsed once.
 */
function checkJson(o: TransportOptions, response: Response, text: string | undefined): void {
  if (!response.ok || text === undefined || text === "") return;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw apiErrorFrom(
      { provider: o.provider, redact: o.redact, now: () => o.clock.now() },
      responseOrigin.get(response) ?? { method: "", url: response.url },
      response,
      text,
      "the response body is not valid JSON",
    );
  }
  ReadResponse.hold(response, value);
}

export function createTransport(o: TransportOptions): Fetch {
  const random = o.random ?? Math.random;
  const carriesSecret = o.carriesSecret ?? ((text: string) => o.redact(text) !== text);
  return async (request) => {
    const retry = o.retry && IDEMPOTENT_METHODS.has(request.method) ? o.retry : undefined;
    const attempts = (retry?.retries ?? 0) + 1;
    for (let attempt = 1; ; attempt++) {
      const final = attempt >= attempts;
      const outcome = await attemptOnce(
        o,
        carriesSecret,
        final || request.body === null ? request : request.clone(),
      );
      let delay: number | undefined;
      if ("failure" in outcome) {
        if (final || !retry) throw outcome.failure;
        delay = backoffMs(attempt - 1, retry, random);
        const { failure } = outcome;
        log(o, () => failure, failure.name, attempt, attempts, `retrying in ${delay} ms`);
      } else {
        const { response, text } = outcome;
        const origin = () => responseOrigin.get(response)!; // read for a log line only
        // A spent window pauses the limiter, but never longer than a Retry-After would be honoured.
        const window = o.limiter && rateLimitWindowMs(response.headers);
        const longest = (o.retry || RETRY_DEFAULTS).maxRetryAfterMs;
        if (window !== undefined) o.limiter?.pause(Math.min(window, longest));
        const retryable = retry !== undefined && RETRYABLE_STATUSES.has(response.status);
        const asked = retryable ? retryAfterMs(response.headers, o.clock.now()) : undefined;
        if (!retryable || final || (asked ?? 0) > retry.maxRetryAfterMs) {
          // A wait beyond maxRetryAfterMs fails now; the error built from it carries retryAfterMs.
          const note =
            asked !== undefined && !final ? `not retrying: the server asks for ${asked} ms` : "";
          log(o, origin, String(response.status), attempt, attempts, note);
          checkJson(o, response, text);
          return response;
        }
        delay = asked ?? backoffMs(attempt - 1, retry, random);
        log(o, origin, String(response.status), attempt, attempts, `retrying in ${delay} ms`);
      }
      await o.clock.sleep(delay, request.signal);
    }
  };
}

function log(
  o: TransportOptions,
  origin: () => { method: string; url: string },
  outcome: string,
  attempt: number,
  attempts: number,
  note: string,
): void {
  // Without a logger the line (and the redacted URL in it) is never worked out.
  if (!o.logger) return;
  const { method, url } = origin();
  safeDebug(
    o.logger,
    `[filestatus:${o.provider}] ${method} ${url} → ${outcome} (attempt ${attempt}/${attempts}${note ? `, ${note}` : ""})`,
  );
}
