/**
 * The rate limiter of a client created with a `store`: every process using the credential takes
 * its places from one shared window, so eight workers on one ZeroBounce key send 250 requests a
 * minute between them, not 250 each. The window keeps the in-process limiter's rule (rate-limit.ts):
 * a place is taken when granted and stays taken until `perMs` after its request finished.
 *
 * Every request also takes a place in the process's own limiter, first: whenever the store fails
 * (store-health.ts), that limiter grants places, already counting the requests the store granted,
 * and no more than this process's share of the window (store-share.ts). Inside a process, callers queue and only the one at the head asks the store, so a
 * thousand waiting calls cost one store call per try, not a thousand.
 */
import type { Clock } from "./clock.ts";
import type { RateLimit, RateLimiter } from "./rate-limit.ts";
import type { StoreHealth } from "./store-health.ts";
import { createShare } from "./store-share.ts";
import type { Store, Taken } from "./store.ts";

export interface SharedLimitOptions {
  store: Store;
  /** The window's key. */
  window: Promise<string>;
  limit: RateLimit;
  clock: Clock;
  /** This process's own limiter: every request takes a place in it too, and it grants places (within the share) while the store is not answering. */
  local: RateLimiter;
  health: StoreHealth;
  /**
   * The longest a request is expected to take: a place whose request never reports back (its
   * process died) frees `perMs + leaseMs` after it was granted.
   */
  leaseMs: number;
}

type Leave = () => void;

/** Callers taking turns in order; one whose signal aborts leaves without holding up the rest. */
function createTurns(): (signal?: AbortSignal) => Promise<Leave> {
  let tail: Promise<void> = Promise.resolve();
  return async (signal) => {
    const before = tail;
    let leave!: Leave;
    const mine = new Promise<void>((resolve) => (leave = resolve));
    tail = before.then(() => mine);
    try {
      await new Promise<void>((resolve, reject) => {
        if (signal?.aborted) return reject(signal.reason);
        const onAbort = () => reject(signal?.reason);
        signal?.addEventListener("abort", onAbort, { once: true });
        void before.then(() => (signal?.removeEventListener("abort", onAbort), resolve()));
      });
    } catch (reason) {
      leave();
      throw reason;
    }
    return leave;
  };
}

export function createSharedLimiter(o: SharedLimitOptions): RateLimiter {
  const { store, limit, clock, local, health } = o;
  const holdMs = limit.perMs + o.leaseMs;
  // A place held by a request in flight in another process may free long before its hold says:
  // the head asks again after one place's share of the window at most.
  const recheckMs = Math.min(1_000, Math.max(10, limit.perMs / limit.requests));
  const turns = createTurns();
  const share = createShare(limit, clock);

  const releaseOf = (window: string, id: string) => {
    let done = false;
    return () => {
      if (done) return;
      done = true;
      const now = clock.now();
      store.finish(window, id, now + limit.perMs, now).then(health.succeeded, health.failed);
    };
  };

  /** A place from the store, or `undefined` once the store has failed. */
  const fromStore = async (signal: AbortSignal | undefined) => {
    let window: string;
    try {
      window = await o.window;
    } catch (error) {
      health.failed(error);
      return undefined;
    }
    while (health.usable()) {
      const id = crypto.randomUUID();
      let answer: Taken;
      try {
        const slot = { id, now: clock.now(), requests: limit.requests, holdMs };
        answer = await store.take(window, slot);
      } catch (error) {
        health.failed(error);
        return undefined;
      }
      health.succeeded();
      if (answer.taken) {
        share.granted();
        return releaseOf(window, id);
      }
      await clock.sleep(Math.min(Math.max(1, answer.waitMs || 0), recheckMs), signal);
    }
    return undefined;
  };

  return {
    async acquire(signal) {
      // A place here too, first: the process never exceeds the limit on its own, and when the
      // store fails its limiter already counts the requests the store granted.
      const own = await local.acquire(signal);
      try {
        let shared: (() => void) | undefined;
        if (health.usable()) {
          const leave = await turns(signal);
          try {
            shared = await fromStore(signal);
          } finally {
            leave();
          }
        }
        if (shared) return () => (shared(), own());
        await share.take(signal); // the store fails: this process's share of the window, no more
        return own;
      } catch (reason) {
        own();
        throw reason;
      }
    },
    pause(ms) {
      local.pause(ms); // kept for when the store fails
      if (!(ms > 0) || !health.usable()) return;
      const now = clock.now();
      o.window
        .then((window) => store.pause(window, now + ms, now))
        .then(health.succeeded, health.failed);
    },
  };
}
