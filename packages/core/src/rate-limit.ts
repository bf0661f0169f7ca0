/**
 * Client-side rate limiting, shared by every call (and every retry) of one client, so a key is
 * never pushed past the provider's limit: ZeroBounce blocks a key for an hour beyond 250 requests
 * a minute, so waiting for a 429 is already too late.
 *
 * A sliding-window log rather than a refilling token bucket: a bucket of N tokens refilled at
 * N per window lets 2N requests through across a window boundary, while the log grants a request
 * only when the last `perMs` hold fewer than `requests` grants, so no window ever exceeds the budget.
 */
import type { Clock } from "./clock.ts";

export interface RateLimit {
  /** Requests allowed in any window of `perMs`. */
  requests: number;
  perMs: number;
}

export interface RateLimiter {
  /** Resolves when a request may be sent; rejects with the signal's reason if it aborts first. */
  acquire(signal?: AbortSignal): Promise<void>;
  /** Grants nothing for `ms` (the server said the window is spent). */
  pause(ms: number): void;
}

interface Waiter {
  resolve(): void;
  reject(reason: unknown): void;
  signal: AbortSignal | undefined;
  onAbort: () => void;
}

export function createRateLimiter(limit: RateLimit, clock: Clock): RateLimiter {
  if (!(limit.requests >= 1 && limit.perMs > 0)) {
    throw new RangeError("rateLimit needs requests >= 1 and perMs > 0");
  }
  const grants: number[] = []; // times of the last `requests` grants, oldest first
  const waiters: Waiter[] = [];
  let pausedUntil = 0;
  let timer: AbortController | undefined;

  const tryGrant = (): boolean => {
    const now = clock.now();
    if (now < pausedUntil) return false;
    while (grants.length && grants[0]! <= now - limit.perMs) grants.shift();
    if (grants.length >= limit.requests) return false;
    grants.push(now);
    return true;
  };

  const drain = (): void => {
    while (waiters.length && tryGrant()) {
      const w = waiters.shift()!;
      w.signal?.removeEventListener("abort", w.onAbort);
      w.resolve();
    }
    schedule();
  };

  // One timer for the whole queue, set for the moment the next grant becomes possible.
  const schedule = (): void => {
    if (timer || waiters.length === 0) return;
    const freeAt = Math.max(
      pausedUntil,
      grants.length >= limit.requests ? grants[0]! + limit.perMs : 0,
    );
    const controller = (timer = new AbortController());
    clock.sleep(Math.max(0, freeAt - clock.now()), controller.signal).then(
      () => {
        timer = undefined;
        drain();
      },
      () => undefined, // cancelled: the queue emptied
    );
  };

  return {
    acquire(signal) {
      if (signal?.aborted) return Promise.reject(signal.reason);
      if (waiters.length === 0 && tryGrant()) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        const waiter: Waiter = {
          resolve,
          reject,
          signal,
          onAbort: () => {
            waiters.splice(waiters.indexOf(waiter), 1);
            if (waiters.length === 0) {
              timer?.abort();
              timer = undefined;
            }
            reject(signal?.reason);
          },
        };
        waiters.push(waiter);
        signal?.addEventListener("abort", waiter.onAbort, { once: true });
        schedule();
      });
    },
    pause(ms) {
      pausedUntil = Math.max(pausedUntil, clock.now() + ms);
      if (timer) {
        timer.abort();
        timer = undefined;
        schedule();
      }
    },
  };
}
