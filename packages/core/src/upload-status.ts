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

const changed = (a: UploadStatus | undefined, b: UploadStatus) =>
  !a || a.state !== b.state || a.progress !== b.progress;

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
  const { clock, rateLimit } = context;
  const { signal, onProgress } = options;
  const floor = rateLimit ? rateLimit.perMs / rateLimit.requests : 0;
  const deadline = options.timeoutMs === undefined ? Infinity : clock.now() + options.timeoutMs;
  let last: UploadStatus | undefined;
  const history: Observation[] = [];
  for (;;) {
    signal?.throwIfAborted();
    const status = await fetchStatus(signal);
    if (changed(last, status)) onProgress?.(status);
    last = status;
    history.push({ at: clock.now(), state: status.state, progress: status.progress });
    if (status.state === "complete") return status;
    if (TERMINAL_STATES.has(status.state))
      throw new UploadFailedError({ provider: context.provider, status });
    const left = deadline - clock.now();
    if (left <= 0) {
      const where =
        status.progress === undefined ? status.state : `${status.state}, ${status.progress}%`;
      throw new TimeoutError({
        provider: context.provider,
        method: "GET",
        url: "",
        timeoutMs: options.timeoutMs!,
        lastStatus: status,
        message: `${context.provider}: upload ${id} not finished after ${options.timeoutMs} ms (last seen ${where})`,
      });
    }
    const delay =
      options.intervalMs === undefined
        ? nextPollDelay(history, { floorMs: floor })
        : Math.max(floor, options.intervalMs);
    await clock.sleep(Math.min(delay, left), signal);
  }
}
