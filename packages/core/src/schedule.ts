/**
 * When to look again. Polling is the whole cost of "is my file done yet?": every request counts
 * against limits that block a key for an hour (ZeroBounce) or cap a day (Constant Contact). A fixed
 * interval wastes requests on long uploads and notices completion late on short ones, so:
 *
 * - while the provider reports progress, estimate the time left from the rate of progress and
 *   look again after half of it (never more than `maxMs` away); once half the time left is short,
 *   look just after the estimated end instead of halving towards it;
 * - with no progress (or progress that stopped moving), back off exponentially, `firstMs` → `maxMs`;
 * - never sooner than `floorMs`, one request's share of the client's rate limit;
 * - a little jitter, so many watchers started together do not poll together.
 *
 * Pure: time comes in with the observations, randomness through `random`.
 */
import type { UploadState } from "./upload-status.ts";

/** One poll's answer, as the scheduler sees it. */
export interface Observation {
  /** Milliseconds (any epoch; only differences matter). */
  at: number;
  state: UploadState;
  progress?: number | undefined;
}

export interface ScheduleOptions {
  /** The shortest delay: one request's share of the rate limit. */
  floorMs: number;
  /** The longest delay. */
  maxMs: number;
  /** The first backoff step when no progress is reported. */
  firstMs: number;
  /** Backoff growth per poll. */
  factor: number;
  /** Share of the estimated time left to wait before looking again. */
  fraction: number;
  /** Once `fraction` of the time left is below this, aim just past the estimated end. */
  finishWithinMs: number;
  /** Relative jitter: delays vary by up to ± half of it. */
  jitter: number;
}

export const SCHEDULE_DEFAULTS: Readonly<ScheduleOptions> = {
  floorMs: 0,
  maxMs: 30_000,
  firstMs: 2_000,
  factor: 1.5,
  fraction: 0.5,
  finishWithinMs: 5_000,
  jitter: 0.1,
} satisfies ScheduleOptions;

/**
 * Milliseconds until the upload reaches 100 %, from the progress rate over its processing so far;
 * `undefined` without two processing observations whose progress rose.
 */
export function estimateRemainingMs(history: readonly Observation[]): number | undefined {
  const processing = history.filter((o) => o.state === "processing" && o.progress !== undefined);
  const first = processing[0];
  const last = processing.at(-1);
  if (!first || !last || last.at <= first.at || last.progress! <= first.progress!) return undefined;
  const perMs = (last.progress! - first.progress!) / (last.at - first.at);
  return (100 - last.progress!) / perMs;
}

/** The delay before the next poll, given every observation of this upload so far (oldest first). */
export function nextPollDelay(
  history: readonly Observation[],
  options: Partial<ScheduleOptions> = {},
  random: () => number = Math.random,
): number {
  const o = { ...SCHEDULE_DEFAULTS, ...options };
  const last = history.at(-1);
  const previous = history.at(-2);
  if (!last) return 0;
  const backoff = previous ? Math.max(o.firstMs, (last.at - previous.at) * o.factor) : o.firstMs;
  const stalled =
    previous !== undefined && previous.state === last.state && previous.progress === last.progress;
  const remaining = stalled ? undefined : estimateRemainingMs(history);
  let base: number;
  let spread = o.jitter * (random() - 0.5); // ± jitter / 2
  if (remaining === undefined) base = backoff;
  else if (remaining * o.fraction >= o.finishWithinMs) base = remaining * o.fraction;
  else {
    // Close to the end: one look just after it (jitter only ever later, never early).
    base = remaining + Math.max(o.floorMs, Math.min(2_000, remaining * 0.1));
    spread = Math.abs(spread);
  }
  return Math.round(Math.min(o.maxMs, Math.max(o.floorMs, base * (1 + spread))));
}

/**
 * The delay after `failures` failed looks in a row (from 1): the same backoff as without progress,
 * `firstMs` growing by `factor` per failure up to `maxMs`, with jitter, never under `floorMs`.
 */
export function failureDelay(
  failures: number,
  options: Partial<ScheduleOptions> = {},
  random: () => number = Math.random,
): number {
  const o = { ...SCHEDULE_DEFAULTS, ...options };
  const base = o.firstMs * o.factor ** Math.max(0, failures - 1);
  const spread = o.jitter * (random() - 0.5);
  return Math.round(Math.min(o.maxMs, Math.max(o.floorMs, base * (1 + spread))));
}
