/**
 * A clock that runs `factor` times faster than the wall clock, for scenarios that must take the
 * real path (sockets, timers, a server's own window) but cannot wait real minutes: a client given
 * it as `clock` and a sandbox given its `now` agree on every instant, so a rate limit is exactly as
 * tight as in real time, compressed.
 */
import type { Clock } from "./types.ts";

export interface ScaledClock extends Clock {
  /** How many clock milliseconds pass per wall-clock millisecond. */
  readonly factor: number;
}

/** The longest delay `setTimeout` holds (2^31 − 1 ms); longer ones are re-armed. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Starts at `epoch` (default: now) and runs `factor` times faster, on the monotonic clock. A sleep
 * resolves only once `now()` has passed its end: a timer firing a millisecond early (libuv rounds)
 * would otherwise wake a limiter up to `factor` ms before its window opens.
 */
export function scaledClock(factor: number, epoch: number = Date.now()): ScaledClock {
  if (!(Number.isFinite(factor) && factor > 0))
    throw new RangeError(`scaledClock: factor must be a positive number, got ${factor}`);
  const origin = performance.now();
  const now = () => epoch + (performance.now() - origin) * factor;
  return {
    factor,
    now,
    sleep: (ms, signal) =>
      new Promise<void>((resolve, reject) => {
        if (signal?.aborted) return reject(signal.reason);
        const end = now() + (Math.max(0, ms) || 0);
        let timer: ReturnType<typeof setTimeout> | undefined;
        const onAbort = () => {
          clearTimeout(timer);
          reject(signal?.reason);
        };
        const arm = () => {
          const left = end - now();
          if (left <= 0) {
            signal?.removeEventListener("abort", onAbort);
            return resolve();
          }
          if (left === Infinity) return; // never, unless aborted
          timer = setTimeout(arm, Math.min(MAX_TIMER_MS, Math.ceil(left / factor)));
        };
        signal?.addEventListener("abort", onAbort, { once: true });
        arm();
      }),
  };
}
