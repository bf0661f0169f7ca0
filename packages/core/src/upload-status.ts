/**
 * The one question every provider answers differently: "is my file done yet?". Each provider
 * package maps its own vocabulary to {@link UploadStatus} (table in PROVIDERS.md); polling is shared.
 */
import type { Clock } from "./clock.ts";
import { TimeoutError, UploadFailedError } from "./errors.ts";
import type { RateLimit } from "./rate-limit.ts";
import { nextPollDelay, type Observation } from "./schedule.ts";

export type UploadState = "queued" | "processing" | "complete" | "failed" | "deleted" | "unknown";

export interface UploadStatus {
  /** Provider package name, e.g. `"zerobounce"`. */
  provider: string;
  id: string;
  name?: string;
  state: UploadState;
  /** 0–100, where the provider reports it. */
  progress?: number;
  /** As the provider spells it. */
  createdAt?: string;
  /** The provider's own object, with this client's secrets redacted (IPQS echoes its key). */
  raw: unknown;
}

/** States after which an upload never changes again. `unknown` is never one of them. */
export const TERMINAL_STATES: ReadonlySet<UploadState> = new Set(["complete", "failed", "deleted"]);

/** A provider's status value looked up in its mapping table; anything unlisted is `unknown`. */
export function mapState(
  table: Readonly<Record<string, UploadState>>,
  value: unknown,
): UploadState {
  return typeof value === "string" && Object.hasOwn(table, value) ? table[value]! : "unknown";
}

/** The leading number of `"42% Complete."`, `"100%"`, `"7.5"` or `42`, clamped to 0–100. */
export function parsePercent(value: unknown): number | undefined {
  const n =
    typeof value === "number" ? value : typeof value === "string" ? Number.parseFloat(value) : NaN;
  return Number.isFinite(n) ? Math.min(100, Math.max(0, n)) : undefined;
}

export interface WaitOptions {
  /**
   * Fixed delay between polls. By default the scheduler (schedule.ts) picks each delay from the
   * progress reported so far: 2 s growing to 30 s without progress, and just after the estimated
   * end with it.
   */
  intervalMs?: number;
  /** Give up with a `TimeoutError` after this long (default: never). */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Called with the first status and then on every change of state or progress. */
  onProgress?: (status: UploadStatus) => void;
}

/** What `waitForUpload` needs from a client. */
export interface PollContext {
  provider: string;
  clock: Clock;
  /** Polls never come faster than one request's share of this limit. */
  rateLimit: RateLimit | undefined;
}

/** Polls never come faster than one request's share of the client's rate limit. */
function floorMs(rateLimit: RateLimit | undefined): number {
  return rateLimit ? rateLimit.perMs / rateLimit.requests : 0;
}

/** One upload being polled: what it has seen, and what follows from it. */
export interface Poll {
  /**
   * Takes a poll's answer: reports it through `onProgress` when the state or progress changed,
   * returns true once the upload is complete, throws {@link UploadFailedError} when it failed or was deleted.
   */
  observe(status: UploadStatus): boolean;
  /** How long to wait before the next look (the scheduler's choice, or `intervalMs`). */
  nextDelayMs(): number;
  /** The error for running out of `timeoutMs`, naming what was seen last. */
  timedOut(): TimeoutError;
}

export function startPoll(context: PollContext, id: string, options: WaitOptions): Poll {
  const floor = floorMs(context.rateLimit);
  const history: Observation[] = [];
  let last: UploadStatus | undefined;
  return {
    observe(status) {
      if (!last || last.state !== status.state || last.progress !== status.progress)
        options.onProgress?.(status);
      last = status;
      history.push({ at: context.clock.now(), state: status.state, progress: status.progress });
      if (status.state === "complete") return true;
      if (TERMINAL_STATES.has(status.state))
        throw new UploadFailedError({ provider: context.provider, status });
      return false;
    },
    nextDelayMs: () =>
      options.intervalMs === undefined
        ? nextPollDelay(history, { floorMs: floor })
        : Math.max(floor, options.intervalMs),
    timedOut() {
      const seen = !last
        ? "nothing"
        : last.progress === undefined
          ? last.state
          : `${last.state}, ${last.progress}%`;
      return new TimeoutError({
        provider: context.provider,
        method: "GET",
        url: "",
        timeoutMs: options.timeoutMs!,
        lastStatus: last,
        message: `${context.provider}: upload ${id} not finished after ${options.timeoutMs} ms (last seen ${seen})`,
      });
    },
  };
}

/**
 * Polls `fetchStatus` until the upload is complete (resolves), failed or deleted (rejects with
 * {@link UploadFailedError}), `timeoutMs` passes ({@link TimeoutError}) or `signal` aborts.
 */
export async function waitForUpload(
  context: PollContext,
  id: string,
  fetchStatus: (signal: AbortSignal | undefined) => Promise<UploadStatus>,
  options: WaitOptions = {},
): Promise<UploadStatus> {
  const { clock } = context;
  const { signal } = options;
  const deadline = options.timeoutMs === undefined ? Infinity : clock.now() + options.timeoutMs;
  const poll = startPoll(context, id, options);
  for (;;) {
    signal?.throwIfAborted();
    const status = await fetchStatus(signal);
    if (poll.observe(status)) return status;
    const left = deadline - clock.now();
    if (left <= 0) throw poll.timedOut();
    await clock.sleep(Math.min(poll.nextDelayMs(), left), signal);
  }
}
