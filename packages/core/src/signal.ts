/**
 * Abort propagation, the one way it is done in this package, and the deadline of a wait.
 */
import type { Clock } from "./clock.ts";

/**
 * Who follows each signal, so that one listener serves them all, however many calls follow it. A
 * caller who hands one signal to 200 concurrent calls (one Ctrl-C to stop them all) would
 * otherwise get 200 listeners on it, and Node warns past 10 (`MaxListenersExceededWarning`).
 */
const followers = new WeakMap<AbortSignal, Set<AbortController>>();

/** The one listener, shared by every followed signal (`this` is the signal, as the DOM calls it). */
function onAbort(this: AbortSignal): void {
  // In the order they started following; one unlinked meanwhile is skipped, as a removed
  // listener would be.
  followers.get(this)?.forEach((child) => child.abort(this.reason));
}

/**
 * Aborts `child` (with the same reason) when `parent` aborts, at once if it already has; returns
 * the unlink. `child` is the caller's own controller, following `parent` once.
 */
export function follow(parent: AbortSignal | undefined, child: AbortController): () => void {
  if (!parent) return () => undefined;
  if (parent.aborted) child.abort(parent.reason);
  let all = followers.get(parent);
  if (!all) followers.set(parent, (all = new Set()));
  all.add(child);
  parent.addEventListener("abort", onAbort, { once: true }); // the same function: added once
  return () => {
    // The last one gone: no listener stays on the caller's signal.
    if (all.delete(child) && !all.size) parent.removeEventListener("abort", onAbort);
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
