/**
 * Bodies that are files (a results CSV, a library image) are not read by the transport: they reach
 * the caller as a stream, so memory stays flat whatever their size. The guard keeps the promises
 * a buffered body gets for free: the caller's signal still aborts it, a body that stops arriving
 * for `idleMs` fails with a {@link TimeoutError}, and a connection cut mid-body fails the stream
 * with a redacted {@link ConnectionError} instead of ending it early (no silently short file).
 */
import { startTimer } from "./clock.ts";
import { ConnectionError, TimeoutError } from "./errors.ts";

/** What the errors of a guarded body say about the request. */
export interface StreamOrigin {
  provider: string;
  method: string;
  /** Redacted already. */
  url: string;
}

/**
 * True for a 2xx answer whose body is a file to stream: `text/csv`, or any media type that is
 * neither text nor JSON nor XML (`application/octet-stream`, images, PDF, …). JSON, XML, HTML and
 * plain text stay buffered: those are API answers the transport checks and may retry.
 */
export function isFileBody(response: Response): boolean {
  if (!response.ok || response.body === null || response.status === 204) return false;
  const type = response.headers.get("content-type") ?? "";
  if (type.startsWith("application/json")) return false; // nearly every answer: no more to look at
  const media = type.split(";")[0]!.trim().toLowerCase();
  if (media === "" || /json|xml/.test(media)) return false;
  return media === "text/csv" || !media.startsWith("text/");
}

export function guardBody(
  body: ReadableStream<Uint8Array>,
  origin: StreamOrigin,
  idleMs: number,
  signal: AbortSignal,
): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  let received = 0;
  let finished = false; // errored, closed or cancelled: a late read result is dropped
  let cancelTimer: (() => void) | undefined;
  let onAbort: (() => void) | undefined;
  const stop = () => {
    finished = true;
    cancelTimer?.();
    if (onAbort) signal.removeEventListener("abort", onAbort);
  };
  return new ReadableStream<Uint8Array>({
    start(controller) {
      onAbort = () => {
        stop();
        controller.error(signal.reason);
        reader.cancel(signal.reason).catch(() => undefined);
      };
      if (signal.aborted) return onAbort();
      signal.addEventListener("abort", onAbort, { once: true });
    },
    async pull(controller) {
      cancelTimer?.();
      if (idleMs > 0 && idleMs !== Infinity) {
        cancelTimer = startTimer(idleMs, () => {
          stop();
          const error = new TimeoutError({
            ...origin,
            timeoutMs: idleMs,
            message: `${origin.provider}: ${origin.method} ${origin.url}: no part of the body arrived for ${idleMs} ms (after ${received} bytes)`,
          });
          controller.error(error);
          reader.cancel(error).catch(() => undefined);
        });
      }
      let next: ReadableStreamReadResult<Uint8Array>;
      try {
        next = await reader.read();
      } catch {
        if (finished) return; // timed out or aborted: the stream already holds that error
        stop();
        // The runtime's own error may quote the URL with its key, so it is not kept as the cause.
        const message = `${origin.provider}: ${origin.method} ${origin.url}: the body was cut off after ${received} bytes`;
        controller.error(new ConnectionError({ ...origin, message }));
        return;
      }
      if (finished) return;
      cancelTimer?.();
      if (next.done) {
        stop();
        controller.close();
        return;
      }
      received += next.value.byteLength;
      controller.enqueue(next.value);
    },
    cancel(reason) {
      stop();
      return reader.cancel(reason);
    },
  });
}

/** `body` calling `touch` before each piece is read from it (a request body going out). */
export function touchingStream(
  body: ReadableStream<Uint8Array>,
  touch: () => void,
): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      touch();
      const { done, value } = await reader.read();
      if (done) controller.close();
      else controller.enqueue(value);
    },
    cancel: (reason) => reader.cancel(reason),
  });
}
