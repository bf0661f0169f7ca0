/**
 * Client-side rate limiting, shared by every call (and every retry) of one client, so a key is
 * never pushed past the provider's limit: ZeroBounce blocks a key for an hour beyond 250 requests
 * a minute, so waiting for a 429 is already too late.
 *
 * A sliding-window log rather than a refilling token bucket: a bucket of N tokens refilled at
 * N per window lets 2N requests through across a window boundary, while the log grants a request
 * only when fewer than `requests` others are in flight or finished within the last `perMs`.
 *
 * A request occupies its place from the moment it is granted until `perMs` after it *finished*.
 * The server counts arrivals, and an arrival can come later than the send (a new connection, a
 * slow network); counting from the finish means the next request cannot arrive inside the same
 * server-side window, whatever the latency.
 */
import type { Clock } from "./clock.ts";
import { checkNumber, refuse, shown } from "./options.ts";

export interface RateLimit {
  /** Requests allowed in any window of `perMs`. */
  requests: number;
  perMs: number;
}

export interface RateLimiter {
  /**
   * Resolves, with the function to call once the request has finished, when a request may be
   * sent; rejects with the signal's reason if it aborts first.
   */
  acquire(signal?: AbortSignal): Promise<() => void>;
  /** Grants nothing for `ms` (the server said the window is spent); the caller bounds `ms`. */
  pause(ms: number): void;
}

interface Waiter {
  resolve(release: () => void): void;
  reject(reason: unknown): void;
  signal: AbortSignal | undefined;
  onAbort: () => void;
}

/**
 * `limit` when it is `{ requests, perMs }` with a whole number of requests ≥ 1 and a finite
 * window > 0; otherwise a `TypeError`/`RangeError` naming `owner` and the field.
 */
export function checkRateLimit(owner: string, limit: unknown): RateLimit {
  if (typeof limit !== "object" || limit === null)
    refuse(owner, `rateLimit must be false or { requests, perMs }, got ${shown(limit)}`);
  const { requests, perMs } = limit as Partial<Record<keyof RateLimit, unknown>>;
  return {
    requests: checkNumber(owner, "rateLimit.requests", requests, { min: 1, integer: true }),
    perMs: checkNumber(owner, "rateLimit.perMs", perMs, { min: 0, exclusive: true }),
  };
}

export function createRateLimiter(limit: RateLimit, clock: Clock): RateLimiter {
  checkRateLimit("@filestatus/core", limit);
  const finished: number[] = []; // when recent requests finished, oldest first
  const waiters: Waiter[] = [];
  let inFlight = 0;
  let pausedUntil = 0;
  let timer: AbortController | undefined;

  const release = (): (() => void) => {
    let done = false;
    return () => {
      if (done) return;
      done = true;
      inFlight--;
      finished.push(clock.now());
      drain();
    };
  };

  const tryGrant = (): (() => void) | undefined => {
    const now = clock.now();
    if (now < pausedUntil) return undefined;
    while (finished.length && finished[0]! <= now - limit.perMs) finished.shift();
    if (inFlight + finished.length >= limit.requests) return undefined;
    inFlight++;
    return release();
  };

  const drain = (): void => {
    for (let grant; waiters.length && (grant = tryGrant());) {
      const w = waiters.shift()!;
      w.signal?.removeEventListener("abort", w.onAbort);
      w.resolve(grant);
    }
    schedule();
  };

  // One timer for the whole queue: set for when a pause ends, or, when every place is taken,
  // for when the oldest finished request leaves the window. While every place is held by a
  // request in flight, its release drains the queue instead.
  const schedule = (): void => {
    if (timer || waiters.length === 0) return;
    const full = inFlight + finished.length >= limit.requests;
    if (full && finished.length === 0) return;
    const freeAt = Math.max(pausedUntil, full ? finished[0]! + limit.perMs : 0);
    const controller = (timer = new AbortController());
    clock.sleep(Math.max(0, freeAt - clock.now()), controller.signal).then(
      () => {
        timer = undefined;
        drain();
      },
      () => undefined, // cancelled: the queue emptied or the pause changed
    );
  };

  return {
    acquire(signal) {
      if (signal?.aborted) return Promise.reject(signal.reason);
      const grant = waiters.length === 0 ? tryGrant() : undefined;
      if (grant) return Promise.resolve(grant);
      return new Promise<() => void>((resolve, reject) => {
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
      if (!(ms > 0)) return; // NaN, 0 and negative pauses change nothing
      pausedUntil = Math.max(pausedUntil, clock.now() + ms);
      if (timer) {
        timer.abort();
        timer = undefined;
        schedule();
      }
    },
  };
}
