/**
 * Clocks for tests, so timing assertions record the waits instead of sleeping them.
 */
import type { Clock } from "./types.ts";

export interface RecordingClock extends Clock {
  /** Every wait asked for, in milliseconds, in order. */
  readonly sleeps: number[];
}

/** Returns from every sleep at once (unless aborted) and records how long it would have been. */
export function recordingClock(): RecordingClock {
  const sleeps: number[] = [];
  let skipped = 0;
  return {
    sleeps,
    now: () => Date.now() + skipped,
    sleep: async (ms, signal) => {
      if (signal?.aborted) throw signal.reason;
      sleeps.push(ms);
      skipped += ms;
    },
  };
}

export interface VirtualClock extends Clock {
  /**
   * Runs `work` to completion on virtual time: whenever nothing else can make progress, time jumps
   * to the next timer. Throws if `work` waits on something no timer will ever release.
   */
  run<T>(work: Promise<T>): Promise<T>;
}

interface Timer {
  at: number;
  resolve(): void;
}

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A clock whose time moves only when every pending promise is waiting on it. */
export function virtualClock(start = 0): VirtualClock {
  let now = start;
  const timers: Timer[] = [];
  return {
    now: () => now,
    sleep: (ms, signal) =>
      new Promise<void>((resolve, reject) => {
        if (signal?.aborted) return reject(signal.reason);
        const timer: Timer = { at: now + Math.max(0, ms), resolve };
        timers.push(timer);
        timers.sort((a, b) => a.at - b.at);
        signal?.addEventListener(
          "abort",
          () => {
            const i = timers.indexOf(timer);
            if (i >= 0) timers.splice(i, 1);
            reject(signal.reason);
          },
          { once: true },
        );
      }),
    async run(work) {
      let settled = false;
      const done = work.finally(() => (settled = true));
      done.catch(() => undefined);
      for (let idle = 0; !settled;) {
        await turn();
        if (settled) break;
        const next = timers.shift();
        if (!next) {
          if (++idle > 50)
            throw new Error("virtualClock: the work waits on something no timer releases");
          continue;
        }
        idle = 0;
        now = Math.max(now, next.at);
        next.resolve();
      }
      return done;
    },
  };
}
