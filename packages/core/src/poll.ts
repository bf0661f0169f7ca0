/**
 * Polling one upload: what it has seen and when to look next (`startPoll`), which failed looks to
 * ride out and for how long (`startRetries`), and `waitForUpload` built from the two. `watchUploads`
 * shares the first two.
 */
import { ApiError, ConnectionError, TimeoutError } from "./errors.ts";
import { UploadFailedError } from "./upload-errors.ts";
import { RETRYABLE_STATUSES } from "./retry.ts";
import { failureDelay, nextPollDelay, type Observation } from "./schedule.ts";
import { startDeadline } from "./signal.ts";
import {
  checkWaitOptions,
  TERMINAL_STATES,
  type PollContext,
  type UploadStatus,
  type WaitOptions,
} from "./upload-status.ts";

/** Failed looks in a row after which a wait without a deadline gives up. */
export const MAX_FAILED_POLLS = 10;

/**
 * True for a failure worth another look later: no answer (`ConnectionError`), a request attempt
 * that timed out (a `TimeoutError` naming its URL; a wait's own names none and is final), or an
 * `ApiError` whose status says "try again" (`RETRYABLE_STATUSES`). Anything else is permanent.
 */
export function isTransient(error: unknown): boolean {
  if (ConnectionError.is(error)) return true;
  if (TimeoutError.is(error)) return error.url !== "";
  return ApiError.is(error) && RETRYABLE_STATUSES.has(error.status);
}

/** How a watched upload ended: `status` when it completed, `error` otherwise. */
export interface WatchOutcome {
  id: string;
  status?: UploadStatus;
  error?: unknown;
}

/**
 * Polls never come faster than one look's share of the rate limit: a look may take `cost`
 * requests, a number or what the last look took.
 */
function floorMs(context: PollContext): number {
  const { rateLimit, cost = 1 } = context;
  const requests = typeof cost === "function" ? cost() : cost;
  return rateLimit ? (rateLimit.perMs / rateLimit.requests) * requests : 0;
}

/** One upload being polled: what it has seen, and what follows from it. */
export interface Poll {
  /**
   * Takes a poll's answer and reports it through `onProgress` (awaited) when the state or progress
   * changed. Returns the outcome once the upload is complete, failed or deleted. A callback that
   * throws or rejects makes this reject: that is the caller's error, not the upload's.
   */
  observe(status: UploadStatus): Promise<WatchOutcome | undefined>;
  /** How long to wait before the next look (the scheduler's choice, or `intervalMs`). */
  nextDelayMs(): number;
  /**
   * The error for running out of `timeoutMs`, naming what was seen last; `askedMs` when the server
   * asked for a wait past the deadline. `cause` is the failure of the last look, if it failed.
   */
  timedOut(cause?: unknown, askedMs?: number): TimeoutError;
}

export function startPoll(context: PollContext, id: string, options: WaitOptions): Poll {
  const history: Observation[] = [];
  let last: UploadStatus | undefined;
  return {
    async observe(status) {
      const changed = !last || last.state !== status.state || last.progress !== status.progress;
      last = status;
      history.push({ at: context.clock.now(), state: status.state, progress: status.progress });
      if (changed) await options.onProgress?.(status);
      if (status.state === "complete") return { id, status };
      if (TERMINAL_STATES.has(status.state))
        return { id, error: new UploadFailedError({ provider: context.provider, status }) };
      return undefined;
    },
    nextDelayMs() {
      const floor = floorMs(context);
      return options.intervalMs === undefined
        ? nextPollDelay(history, { floorMs: floor })
        : Math.max(floor, options.intervalMs);
    },
    timedOut(cause, askedMs) {
      const seen = !last
        ? "nothing"
        : last.progress === undefined
          ? last.state
          : `${last.state}, ${last.progress}%`;
      const why =
        askedMs === undefined
          ? `not finished after ${options.timeoutMs} ms`
          : `cannot finish within ${options.timeoutMs} ms: the server asked to wait ${askedMs} ms`;
      return new TimeoutError({
        provider: context.provider,
        method: "GET",
        url: "",
        timeoutMs: options.timeoutMs!,
        lastStatus: last,
        cause,
        message: `${context.provider}: upload ${id} ${why} (last seen ${seen})`,
      });
    },
  };
}

/** What follows a failed look: another after `retryInMs`, the end with `error`, or a time-out. */
export type AfterFailure = { retryInMs: number } | { error: unknown } | { askedMs: number };

/** A sequence of looks, some of which fail. */
export interface Retries {
  /** Decides what follows the failure `error`, with `leftMs` until the deadline. */
  failed(error: unknown, leftMs: number): AfterFailure;
  /** A look succeeded: the count of failures in a row starts again. */
  succeeded(): void;
  /** The failure of the last look, if it failed. */
  lastError(): unknown;
}

/**
 * Transient failures are looked past on the poll's schedule (`intervalMs`, or the scheduler's
 * backoff), never sooner than the server's `Retry-After`; permanent ones end the wait at once, and
 * so does the {@link MAX_FAILED_POLLS}th failure in a row when there is no deadline.
 */
export function startRetries(context: PollContext, options: WaitOptions): Retries {
  let failures = 0;
  let last: unknown;
  return {
    failed(error, leftMs) {
      if (!isTransient(error)) return { error };
      failures++;
      last = error;
      const asked = ApiError.is(error) ? error.retryAfterMs : undefined;
      if (asked !== undefined && asked >= leftMs) return { askedMs: asked };
      if (leftMs === Infinity && failures >= MAX_FAILED_POLLS) return { error };
      const floor = floorMs(context);
      const planned =
        options.intervalMs === undefined
          ? failureDelay(failures, { floorMs: floor })
          : Math.max(floor, options.intervalMs);
      return { retryInMs: Math.max(planned, asked ?? 0) };
    },
    succeeded() {
      failures = 0;
      last = undefined;
    },
    lastError: () => last,
  };
}

/**
 * Polls `fetchStatus` until the upload is complete (resolves), failed or deleted (rejects with
 * {@link UploadFailedError}), `timeoutMs` passes ({@link TimeoutError}) or `signal` aborts.
 */
export async function waitForUpload(
  context: PollContext,
  id: string,
  fetchStatus: (signal: AbortSignal) => Promise<UploadStatus>,
  options: WaitOptions = {},
): Promise<UploadStatus> {
  checkWaitOptions(context.provider, options);
  const poll = startPoll(context, id, options);
  const retries = startRetries(context, options);
  const deadline = startDeadline(context.clock, options.timeoutMs, options.signal);
  try {
    for (;;) {
      const look = await settle(fetchStatus(deadline.signal));
      let delayMs: number;
      if ("error" in look) {
        deadline.signal.throwIfAborted();
        const next = retries.failed(look.error, deadline.leftMs());
        if ("error" in next) throw next.error;
        if ("askedMs" in next) throw poll.timedOut(look.error, next.askedMs);
        delayMs = next.retryInMs;
      } else {
        retries.succeeded();
        const outcome = await poll.observe(look.value);
        if (outcome?.status) return outcome.status;
        if (outcome) throw outcome.error;
        delayMs = poll.nextDelayMs();
      }
      await context.clock.sleep(delayMs, deadline.signal);
    }
  } catch (error) {
    throw deadline.expired() ? poll.timedOut(retries.lastError()) : error;
  } finally {
    deadline.end();
  }
}

/** A promise's value or rejection, so that a failed request is told apart from everything after it. */
export async function settle<T>(promise: Promise<T>): Promise<{ value: T } | { error: unknown }> {
  try {
    return { value: await promise };
  } catch (error) {
    return { error };
  }
}
