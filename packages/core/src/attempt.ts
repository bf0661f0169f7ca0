/**
 * One attempt of a request: a place from the rate limiter, the credentials (to the client's own
 * origin only, redirects included), a timeout, and the body read (or, for a file, guarded and
 * handed on as a stream: stream.ts). Whatever fails inside it
 * releases the place and the timer, and reaches the caller redacted.
 */
import { lazyOrigin, readResponse, streamedResponse } from "./answered.ts";
import { shownUrl, type Credential } from "./auth.ts";
import { readBody } from "./body.ts";
import { firstHop, type FirstHop } from "./first-hop.ts";
import { guardBody, isFileBody, touchingStream } from "./stream.ts";
import { startTimer, type Clock } from "./clock.ts";
import { ConnectionError, TimeoutError } from "./errors.ts";
import type { Logger } from "./log.ts";
import type { RateLimiter } from "./rate-limit.ts";
import type { Redactor } from "./redact.ts";
import { sendFollowing, type Hop } from "./redirect.ts";
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

/** What a transport works out once, for all its attempts. */
export interface Prepared {
  firstHop: FirstHop;
  carriesSecret: (text: string) => boolean;
}

export function prepare(o: TransportOptions): Prepared {
  return {
    firstHop: firstHop(o.credentials),
    carriesSecret: o.carriesSecret ?? ((text: string) => o.redact(text) !== text),
  };
}

/** `request` with its body (if any) calling `touch` for every piece the runtime reads. */
function touching(request: Request, touch: () => void): Request {
  if (request.body === null) return request;
  const init: RequestInit & { duplex: "half" } = {
    method: request.method,
    headers: request.headers,
    body: touchingStream(request.body, touch),
    duplex: "half",
    signal: request.signal,
    redirect: request.redirect,
  };
  return new Request(request.url, init);
}

export async function attemptOnce(
  o: TransportOptions,
  p: Prepared,
  request: Request,
): Promise<Attempt> {
  // The signal is this request's own (openapi-fetch makes one per call): one listener on it.
  const { signal } = request;
  signal.throwIfAborted();
  const release = o.limiter ? await o.limiter.acquire(signal) : undefined;
  // Whatever stops the attempt (its timeout, the caller's signal) rejects what it awaits at once,
  // so a custom `fetch` that ignores its signal cannot hold the attempt (or its body) past either.
  let stopped: { reason: unknown } | undefined;
  let stop: ((reason: unknown) => void) | undefined;
  const race = <T>(work: Promise<T>) =>
    new Promise<T>((resolve, reject) => {
      if (stopped) return reject(stopped.reason);
      stop = reject;
      work.then(resolve, reject);
    });
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
  signal.addEventListener("abort", onAbort, { once: true });
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
    url: o.redact(answeredUrl ?? shownUrl(request.url, o.credentials)),
  });
  let sent = false;
  let answered = false; // a server answered (a redirect, say) before whatever failed
  const send = (input: Request | string, init?: RequestInit) => {
    // Your fetch takes a Request (built before anything counts as sent); the global one the URL.
    const prepared = o.send && typeof input === "string" ? new Request(input, init) : input;
    sent = true;
    const response = o.send ? o.send(prepared as Request) : globalThis.fetch(input, init);
    return response.then((r) => ((answered = true), r));
  };
  let sending: Promise<Hop> | undefined;
  try {
    sending = sendFollowing(
      { credentials: o.credentials, firstHop: p.firstHop, send, carriesSecret: p.carriesSecret },
      controller ? touching(request, arm) : request,
      controller?.signal ?? signal,
    );
    const hop = await race(sending);
    answeredUrl = hop.url;
    const { response } = hop;
    const origin = lazyOrigin(request.method, hop.url, hop.redirected, o.redact);
    if (isFileBody(response) || (o.streamAll === true && response.ok && !!response.body)) {
      // A file streams on, past this attempt's timer: between its parts, `timeoutMs` is the most
      // the body may stall, and the caller's signal still cuts it.
      const body = guardBody(response.body!, where(), o.timeoutMs, signal);
      return { response: streamedResponse(body, response, origin), text: undefined };
    }
    const read = await race(readBody(response));
    return { response: readResponse(read, response, origin), text: read.text };
  } catch (cause) {
    // An answer that comes after all is not read: its connection is let go.
    sending?.then(
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
