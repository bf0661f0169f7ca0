/**
 * One attempt of a request: a place from the rate limiter, the credentials (to the client's own
 * origin only, redirects included), a timeout, and the body read (or, for a file, guarded and
 * handed on as a stream: stream.ts). Whatever fails inside it
 * releases the place and the timer, and reaches the caller redacted.
 */
import { shownUrl, type Credential } from "./auth.ts";
import { readBody } from "./body.ts";
import { guardBody, isFileBody, touchingStream } from "./stream.ts";
import { startTimer, type Clock } from "./clock.ts";
import { ConnectionError, TimeoutError } from "./errors.ts";
import type { Logger } from "./log.ts";
import type { RateLimiter } from "./rate-limit.ts";
import type { Redactor } from "./redact.ts";
import { sendFollowing } from "./redirect.ts";
import type { RetryOptions } from "./retry.ts";
import { follow } from "./signal.ts";

/** A `fetch` that takes a `Request`: what openapi-fetch calls, and what tests and sandboxes supply. */
export type Fetch = (request: Request) => Promise<Response>;

export interface TransportOptions {
  provider: string;
  credentials: readonly Credential[];
  send: Fetch;
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

/** Where a response came from: for errors raised later from it (`unwrap`), and for uploads. */
export interface ResponseOrigin {
  method: string;
  /** Redacted. */
  url: string;
  /** The answer came after following a redirect: a POST before it was answered. */
  redirected?: boolean;
}

export const responseOrigin: WeakMap<Response, ResponseOrigin> = new WeakMap();

/**
 * Connection errors that came after a server had answered (a redirect was being followed): the
 * request itself arrived, whatever the error's cause says about the last hop.
 */
export const afterAnswer: WeakSet<Error> = new WeakSet();

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

export async function attemptOnce(o: TransportOptions, request: Request): Promise<Attempt> {
  request.signal.throwIfAborted();
  const release = await o.limiter?.acquire(request.signal);
  const controller = new AbortController();
  const unlink = follow(request.signal, controller);
  // A timeout guards against a real socket that hangs, so it runs on real time, not on `clock`.
  // It restarts with every piece of a request body read: an upload that keeps sending never times
  // out, one that stalls for `timeoutMs` does.
  let timedOut = false;
  let cancelTimer: (() => void) | undefined;
  const arm = () => {
    cancelTimer?.();
    if (o.timeoutMs > 0)
      cancelTimer = startTimer(o.timeoutMs, () => {
        timedOut = true;
        controller.abort(new DOMException("attempt timed out", "TimeoutError"));
      });
  };
  arm();
  // The URL messages show: the one that answered, or, before an answer, the request's with `***`
  // where the credentials go (worked out only then: most attempts never need it).
  let url: string | undefined;
  const where = () => ({
    provider: o.provider,
    method: request.method,
    url: url ?? o.redact(shownUrl(request.url, o.credentials)),
  });
  let sent = false;
  let answered = false; // a server answered (a redirect, say) before whatever failed
  const send: Fetch = async (prepared) => {
    sent = true;
    const response = await o.send(prepared);
    answered = true;
    return response;
  };
  const carriesSecret = o.carriesSecret ?? ((text: string) => o.redact(text) !== text);
  try {
    const signal = controller.signal;
    const hop = await untilAborted(
      sendFollowing(
        { credentials: o.credentials, send, carriesSecret },
        touching(request, arm),
        signal,
      ),
      signal,
      (late) => void late.response.body?.cancel().catch(() => undefined),
    );
    url = o.redact(hop.url);
    const { response } = hop;
    const streamed =
      isFileBody(response) || (o.streamAll === true && response.ok && !!response.body);
    const text = streamed ? undefined : await untilAborted(readBody(response), signal);
    // A file streams on, past this attempt's timer: between its parts, `timeoutMs` is the most
    // the body may stall, and the caller's signal still cuts it.
    const body = streamed
      ? guardBody(response.body!, where(), o.timeoutMs, request.signal)
      : text === ""
        ? null
        : text;
    const copy = new Response(body, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
    // The real URL may carry a key (query or path); only the redacted one is exposed.
    Object.defineProperty(copy, "url", { value: url });
    responseOrigin.set(copy, { method: request.method, url, redirected: hop.redirected });
    return { response: copy, text };
  } catch (cause) {
    if (request.signal.aborted) throw request.signal.reason;
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
    unlink();
    release?.();
  }
}

/**
 * `work`, or the signal's reason as soon as it aborts: a custom `fetch` that ignores its signal
 * cannot hold an attempt past its timeout. What `work` delivers after that goes to `discard`.
 */
function untilAborted<T>(
  work: Promise<T>,
  signal: AbortSignal,
  discard: (late: T) => void = () => undefined,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => {
      reject(signal.reason);
      work.then(discard, () => undefined);
    };
    if (signal.aborted) return onAbort();
    signal.addEventListener("abort", onAbort, { once: true });
    work.then(
      (value) => (signal.removeEventListener("abort", onAbort), resolve(value)),
      (error: unknown) => (signal.removeEventListener("abort", onAbort), reject(error)),
    );
  });
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
