/**
 * The transport beneath openapi-fetch. One logical request from openapi-fetch becomes up to
 * `retries + 1` attempts; each attempt waits for the rate limiter, carries the credentials, runs
 * under its own timeout and reads the whole body, so a connection cut mid-body is retried too.
 */
import { apiErrorFrom } from "./api-error.ts";
import { applyCredentials, type Credential } from "./auth.ts";
import type { Clock } from "./clock.ts";
import { ConnectionError, TimeoutError } from "./errors.ts";
import type { Logger } from "./log.ts";
import type { RateLimiter } from "./rate-limit.ts";
import type { Redactor } from "./redact.ts";
import { follow } from "./signal.ts";
import {
  backoffMs,
  IDEMPOTENT_METHODS,
  rateLimitWindowMs,
  retryAfterMs,
  RETRYABLE_STATUSES,
  type RetryOptions,
} from "./retry.ts";

/** A `fetch` that takes a `Request`: what openapi-fetch calls, and what tests and sandboxes supply. */
export type Fetch = (request: Request) => Promise<Response>;

export interface TransportOptions {
  provider: string;
  credentials: readonly Credential[];
  send: Fetch;
  redact: Redactor;
  clock: Clock;
  retry: RetryOptions | false;
  /** Per attempt; `0` or `Infinity` for none. */
  timeoutMs: number;
  limiter?: RateLimiter | undefined;
  logger?: Logger | undefined;
  random?: () => number;
}

type Attempt = { response: Response; text: string } | { failure: ConnectionError | TimeoutError };

/** Where each response came from, for errors raised later from it (`unwrap`). */
export const responseOrigin: WeakMap<Response, { method: string; url: string }> = new WeakMap();

async function attemptOnce(o: TransportOptions, request: Request): Promise<Attempt> {
  request.signal.throwIfAborted();
  const release = await o.limiter?.acquire(request.signal);
  const controller = new AbortController();
  const unlink = follow(request.signal, controller);
  // A timeout guards against a real socket that hangs, so it runs on real time, not on `clock`.
  let timedOut = false;
  const timer =
    o.timeoutMs > 0 && Number.isFinite(o.timeoutMs)
      ? setTimeout(() => {
          timedOut = true;
          controller.abort(new DOMException("attempt timed out", "TimeoutError"));
        }, o.timeoutMs)
      : undefined;
  const prepared = applyCredentials(request, o.credentials, controller.signal);
  const where = { provider: o.provider, method: request.method, url: o.redact(prepared.url) };
  try {
    const response = await o.send(prepared);
    const text = await response.text();
    const copy = new Response(text === "" ? null : text, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
    // The real URL may carry a key (query or path); only the redacted one is exposed.
    Object.defineProperty(copy, "url", { value: where.url });
    responseOrigin.set(copy, { method: where.method, url: where.url });
    return { response: copy, text };
  } catch (cause) {
    if (request.signal.aborted) throw request.signal.reason;
    const redacted = redactCause(cause, o.redact);
    if (timedOut)
      return { failure: new TimeoutError({ ...where, timeoutMs: o.timeoutMs, cause: redacted }) };
    return { failure: new ConnectionError({ ...where, cause: redacted }) };
  } finally {
    clearTimeout(timer);
    unlink();
    release?.();
  }
}

/** Transport errors may quote the URL they failed on; keep the chain, minus the secrets. */
function redactCause(cause: unknown, redact: Redactor, depth = 0): unknown {
  if (!(cause instanceof Error) || depth > 4) return cause;
  const copy = new Error(redact(cause.message), {
    cause: redactCause(cause.cause, redact, depth + 1),
  });
  copy.name = cause.name;
  copy.stack = cause.stack === undefined ? undefined : redact(cause.stack);
  const code = (cause as { code?: unknown }).code;
  if (code !== undefined) Object.assign(copy, { code });
  return copy;
}

/** A 2xx body that does not parse is an {@link ApiError}, not a `SyntaxError` in the caller. */
function checkJson(o: TransportOptions, response: Response, text: string): void {
  if (!response.ok || text === "") return;
  try {
    JSON.parse(text);
  } catch {
    throw apiErrorFrom(
      { provider: o.provider, redact: o.redact, now: () => o.clock.now() },
      responseOrigin.get(response) ?? { method: "", url: response.url },
      response,
      text,
      "the response body is not valid JSON",
    );
  }
}

export function createTransport(o: TransportOptions): Fetch {
  const random = o.random ?? Math.random;
  return async (request) => {
    const retry = o.retry && IDEMPOTENT_METHODS.has(request.method) ? o.retry : undefined;
    const attempts = (retry?.retries ?? 0) + 1;
    for (let attempt = 1; ; attempt++) {
      const final = attempt >= attempts;
      const outcome = await attemptOnce(
        o,
        final || request.body === null ? request : request.clone(),
      );
      let delay: number | undefined;
      if ("failure" in outcome) {
        if (final || !retry) throw outcome.failure;
        delay = backoffMs(attempt - 1, retry, random);
        log(o, outcome.failure, outcome.failure.name, attempt, attempts, `retrying in ${delay} ms`);
      } else {
        const { response, text } = outcome;
        const origin = responseOrigin.get(response)!;
        const window = rateLimitWindowMs(response.headers);
        if (window !== undefined) o.limiter?.pause(window);
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
  origin: { method: string; url: string },
  outcome: string,
  attempt: number,
  attempts: number,
  note: string,
): void {
  o.logger?.debug(
    `[filestatus:${o.provider}] ${origin.method} ${origin.url} → ${outcome} (attempt ${attempt}/${attempts}${note ? `, ${note}` : ""})`,
  );
}
