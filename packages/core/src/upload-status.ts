/**
 * The one question every provider answers differently: "is my file done yet?". Each provider
 * package maps its own vocabulary to {@link UploadStatus} (the `STATES` table of its status.ts,
 * covering the values its specs/<provider>.yaml documents); polling is shared.
 */
import type { Clock } from "./clock.ts";
import { DURATION, optionalNumber } from "./options.ts";
import type { RateLimit } from "./rate-limit.ts";

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
   * Fixed delay between polls, more than 0. By default the scheduler (schedule.ts) picks each delay
   * from the progress reported so far: 2 s growing to 30 s without progress, and just after the
   * estimated end with it.
   */
  intervalMs?: number;
  /**
   * Give up with a `TimeoutError` after this long (default, or `Infinity`: never). The deadline
   * bounds everything under the wait: a request in flight, the rate limiter's queue and retry
   * backoff are all cut short when it passes. Without one, the wait gives up after 10 failed polls
   * in a row.
   */
  timeoutMs?: number;
  signal?: AbortSignal;
  /**
   * Called with the first status and then on every change of state or progress; a promise it
   * returns is awaited before the next poll. A callback that throws or rejects stops the wait (and
   * every upload of a `watchUploads`), which then rejects once with that error; no upload's
   * outcome is marked failed by it.
   */
  onProgress?: (status: UploadStatus) => unknown;
}

/** Requests one look takes: at most this many, or (a function) what the last look took. */
export type Cost = number | (() => number);

/** What `waitForUpload` needs from a client. */
export interface PollContext {
  provider: string;
  clock: Clock;
  /** Polls never come faster than one look's share of this limit. */
  rateLimit: RateLimit | undefined;
  /** The most requests one look can take (HighLevel searches up to 20 pages); default 1. */
  cost?: Cost | undefined;
}

/** Refuses an `intervalMs` or `timeoutMs` that would flood a server or never end, before any request. */
export function checkWaitOptions(provider: string, options: WaitOptions): void {
  const owner = `@filestatus/${provider}`;
  optionalNumber(owner, "intervalMs", options.intervalMs, { min: 0, exclusive: true });
  optionalNumber(owner, "timeoutMs", options.timeoutMs, DURATION);
}
