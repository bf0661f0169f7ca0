/**
 * Abort propagation, the one way it is done in this package, and the deadline of a wait.
 */
import type { Clock } from "./clock.ts";

/** The controllers following one signal, and the one listener that aborts them all. */
interface Followers {
  children: Set<{ child: AbortController }>;
  onAbort: () => void;
}

/**
 * One listener per followed signal, however many calls follow it: a caller who hands one signal to
 * 200 concurrent calls (one Ctrl-C to stop them all) would otherwise get 200 listeners on it, and
 * Node warns past 10 (`MaxListenersExceededWarning: Possible EventTarget memory leak`).
 */
const following = new WeakMap<AbortSignal, Followers>();

function followersOf(parent: AbortSignal): Followers {
  const existing = following.get(parent);
  if (existing) return existing;
  const followers: Followers = {
    children: new Set(),
    onAbort: () => {
      following.delete(parent);
      // In the order they started following, as separate listeners would run.
      for (const { child } of [...followers.children]) child.abort(parent.reason);
    },
  };
  following.set(parent, followers);
  parent.addEventListener("abort", followers.onAbort, { once: true });
  return followers;
}

/** Aborts `child` (with the same reason) when `parent` aborts, at once if it already has; returns the unlink. */
export function follow(parent: AbortSignal | undefined, child: AbortController): () => void {
  if (!parent) return () => undefined;
  if (parent.aborted) {
    child.abort(parent.reason);
    return () => undefined;
  }
  const followers = followersOf(parent);
  const entry = { child };
  followers.children.add(entry);
  return () => {
    if (!followers.children.delete(entry) || followers.children.size > 0) return;
    // The last one gone: no listener stays on the caller's signal.
    parent.removeEventListener("abort", followers.onAbort);
    if (following.get(parent) === followers) following.delete(parent);
  };
}

/** A wait's time limit, as a signal that everything under the wait (requests, backoff) obeys. */
export interface Deadline {
  /** Aborts when the deadline passes or the caller's signal aborts. */
  readonly signal: AbortSignal;
  /** True once the deadline has passed: an abort came from it, not from the caller. */
  expired(): boolean;
  /** Milliseconds left; `Infinity` without a deadline. */
  leftMs(): number;
  /** Cancels the timer and unlinks from the caller's signal. */
  end(): void;
}

/** A deadline `timeoutMs` from now on `clock` (none when `undefined` or `Infinity`), following `parent`. */
export function startDeadline(
  clock: Clock,
  timeoutMs: number | undefined,
  parent: AbortSignal | undefined,
): Deadline {
  const controller = new AbortController();
  const unlink = follow(parent, controller);
  const timer = new AbortController();
  const at = clock.now() + (timeoutMs ?? Infinity);
  let expired = false;
  const expire = async () => {
    await clock.sleep(at - clock.now(), timer.signal); // systemClock chains delays past 2^31 ms
    if (controller.signal.aborted) return;
    expired = true;
    controller.abort(new DOMException("the wait's deadline passed", "TimeoutError"));
  };
  if (Number.isFinite(at)) expire().catch(() => undefined); // cancelled by end()
  return {
    signal: controller.signal,
    expired: () => expired,
    leftMs: () => at - clock.now(),
    end() {
      timer.abort();
      unlink();
    },
  };
}
