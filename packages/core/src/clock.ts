/**
 * Time, behind an interface so that tests (and the polling simulations built on this package) can
 * run backoff and rate-limit decisions on a virtual clock instead of sleeping. Per-attempt timeouts
 * stay on real time: they guard real sockets.
 */

export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Resolves after `ms`; rejects with the signal's reason as soon as `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/**
 * The longest delay `setTimeout` holds: 2^31 − 1 ms (about 24.8 days). Longer delays overflow to
 * 1 ms in every runtime (HTML timers, Node, Deno, Bun), so {@link startTimer} chains them.
 */
export const MAX_TIMER_MS: number = 2 ** 31 - 1;

/**
 * Calls `fire` after `ms` (never for `Infinity`), however long that is; returns the cancel.
 * `NaN` and negative delays fire at the next turn, as `setTimeout` would.
 */
export function startTimer(ms: number, fire: () => void): () => void {
  let handle: ReturnType<typeof setTimeout> | undefined;
  const arm = (left: number) => {
    if (left === Infinity) return;
    const step = Math.min(Math.max(0, left) || 0, MAX_TIMER_MS);
    handle = setTimeout(() => (left > step ? arm(left - step) : fire()), step);
  };
  arm(ms);
  return () => clearTimeout(handle);
}

/** Wall-clock time and chained `setTimeout`. */
export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const onAbort = () => {
        cancel();
        reject(signal?.reason);
      };
      const cancel = startTimer(ms, () => {
        signal?.removeEventListener("abort", onAbort);
        resolve();
      });
      signal?.addEventListener("abort", onAbort, { once: true });
    }),
};
