/**
 * One attempt of a request: a place from the rate limiter, the credentials (to the client's own
 * origin only, redirects included; written into a URL and init, so that the global `fetch` builds
 * the only copy of the request), a timeout (a controller and a timer only where there is one), and
 * the body read once and handed up as it came (answered.ts), or, for a file, guarded and handed on
 * as a stream (stream.ts). Whatever fails inside it releases the place and the timer, and reaches
 * the caller redacted.
 */
import { ReadResponse, streamedResponse } from "./answered.ts";
import { multipartBoundary, type Credential } from "./auth.ts";
import { shownUrl } from "./credential-url.ts";
import { readBody } from "./body.ts";
import { guardBody, isFileBody, touchingStream } from "./stream.ts";
import { startTimer, type Clock } from "./clock.ts";
import { ConnectionError, TimeoutError } from "./errors.ts";
import type { Logger } from "./log.ts";
import type { RateLimiter } from "./rate-limit.ts";
import type { Redactor } from "./redact.ts";
import { sendFollowing, type Hop, type Sending } from "./redirect.ts";
import type { RetryOptions } from "./retry.ts";

export { responseOrigin, type ResponseOrigin } from "./answered.ts";

/** A `fetch` that takes a `Request`: what openapi-fetch calls, and what tests and sandboxes supply. */
export type Fetch = (request: Request) => Promise<Response>;

export interface TransportOptions {
  provider: string;
  credentials: readonly Credential[];
  /** Your `fetch`, given a `Request`; without it, the global `fetch`, given the URL and its init. */
  send?: Fetch | undefined;
  redact: Redactor;
  /** True when a text holds one of the credentials; defaults to asking `redact`. */
  carriesSecret?: (text: string) => boolean;
  clock: Clock;
  retry: RetryOptions | false;
  /** Per attempt; `0` or `Infinity` for none. */
  timeoutMs: number;
  limiter?: RateLimiter | undefined;
  logger?: Logger | undefined;
  /** Stream every 2xx body, whatever its type (links to files: a CSV may come as `text/plain`). */
  streamAll?: boolean;
  random?: () => number;
}

/** `text` is the body read whole; `undefined` when the body is a file, streamed to the caller. */
export type Attempt =
  { response: Response; text: string | undefined } | { failure: ConnectionError | TimeoutError };

/**
 * Connection errors that came after a server had answered (a redirect was being followed): the
 * request itself arrived, whatever the error's cause says about the last hop.
 */
export const afterAnswer: WeakSet<Error> = new WeakSet();

export async function attemptOnce(
  o: TransportOptions,
  carriesSecret: (text: string) => boolean,
  request: Request,
): Promise<Attempt> {
  // The signal is this request's own (openapi-fetch makes one per call): one listener on it.
  const { signal } = request;
  if (signal.aborted) throw signal.reason;
  const release = o.limiter ? await o.limiter.acquire(signal) : undefined;
  // Whatever stops the attempt (its timeout, the caller's signal) rejects it at once, so a custom
  // `fetch` that ignores its signal cannot hold the attempt (or its body) past either.
  let stopped: { reason: unknown } | undefined;
  let stop: ((reason: unknown) => void) | undefined;
  // A timeout guards against a real socket that hangs, so it runs on real time, not on `clock`.
  // It restarts with every piece of a request body read: an upload that keeps sending never times
  // out, one that stalls for `timeoutMs` does. Without one, the caller's signal is all there is.
  const controller = o.timeoutMs > 0 && o.timeoutMs < Infinity ? new AbortController() : undefined;
  const abort = (reason: unknown) => {
    stopped ??= { reason };
    controller?.abort(reason);
    stop?.(reason);
  };
  const onAbort = () => abort(signal.reason);
  signal.addEventListener("abort", onAbort);
  if (signal.aborted) onAbort(); // while waiting for the limiter
  let timedOut = false;
  let cancelTimer: (() => void) | undefined;
  const arm = () => {
    cancelTimer?.();
    cancelTimer = startTimer(o.timeoutMs, () => {
      timedOut = true;
      abort(new DOMException("attempt timed out", "TimeoutError"));
    });
  };
  if (controller) arm();
  // The URL messages show: the one that answered, or, before an answer, the request's with `***`
  // where the credentials go (worked out only then: most attempts never need it).
  let answeredUrl: string | undefined;
  const where = () => ({
    provider: o.provider,
    method: request.method,
    url: o.redact(
      answeredUrl ??
        shownUrl(
          request.url,
          o.credentials,
          // where auth.ts puts a form credential instead of the URL
          request.body !== null && multipartBoundary(request.headers) !== undefined,
        ),
    ),
  });
  let sent = false;
  let answered = false; // a server answered (a redirect, say) before whatever failed
  const sending: Sending = {
    credentials: o.credentials,
    carriesSecret,
    send: (url, init) => {
      // Each piece of a body read restarts the timer.
      if (controller && init.body) init.body = touchingStream(init.body as ReadableStream, arm);
      // Your fetch takes a Request (built before anything counts as sent); the global one the URL.
      const request = o.send && new Request(url, init);
      sent = true;
      return request ? o.send!(request) : globalThis.fetch(url, init);
    },
    answered: () => void (answered = true),
  };
  let hop: Promise<Hop> | undefined;
  try {
    hop = sendFollowing(sending, request, controller?.signal ?? signal);
    const work = hop.then(({ response, url, redirected }): Attempt | Promise<Attempt> => {
      answeredUrl = url;
      if (isFileBody(response) || (o.streamAll === true && response.ok && !!response.body)) {
        // A file streams on, past this attempt's timer: between its parts, `timeoutMs` is the
        // most the body may stall, and the caller's signal still cuts it.
        const origin = { ...where(), redirected };
        const body = guardBody(response.body!, origin, o.timeoutMs, signal);
        return { response: streamedResponse(body, response, origin), text: undefined };
      }
      return readBody(response).then((text) => ({
        response: new ReadResponse(text, response, request.method, url, redirected, o.redact),
        text,
      }));
    });
    return await new Promise<Attempt>((resolve, reject) => {
      if (stopped) return reject(stopped.reason);
      stop = reject;
      work.then(resolve, reject);
    });
  } catch (cause) {
    // An answer that comes after all is not read: its connection is let go.
    hop?.then(
      (late) => late.response.body?.cancel().catch(() => undefined),
      () => undefined,
    );
    if (signal.aborted) throw signal.reason;
    const redacted = redactCause(cause, o.redact);
    if (timedOut)
      return { failure: new TimeoutError({ ...where(), timeoutMs: o.timeoutMs, cause: redacted }) };
    // Nothing was sent: the request itself is at fault (a header value, a body), not the network.
    if (!sent) throw redacted;
    const failure = new ConnectionError({ ...where(), cause: redacted });
    if (answered) afterAnswer.add(failure);
    return { failure };
  } finally {
    cancelTimer?.();
    signal.removeEventListener("abort", onAbort);
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
