/**
 * The 1,000-watcher scenario, shared by the sandbox process and the client process: the uploads
 * both sides agree on, and one clock both run on.
 *
 * ZeroBounce allows 250 requests a minute, so 1,000 watchers need four minutes for one poll each.
 * To fit in the section's time, client and sandbox share a clock that runs `factor` times faster
 * than the wall clock: the rate limit, its enforcement and the uploads' progress all move on that
 * clock, so the limit is exactly as tight as in real time, just compressed.
 */
import type { Clock } from "@filestatus/core";
import type { SeedUpload } from "@filestatus/sandbox";

export const WATCHERS = 1_000;

/** Both processes derive time from the same epoch and factor, so they agree to the millisecond. */
export function warpClock(epoch: number, factor: number): Clock {
  return {
    now: () => epoch + (Date.now() - epoch) * factor,
    sleep: (ms, signal) =>
      new Promise<void>((resolve, reject) => {
        if (signal?.aborted) return reject(signal.reason);
        const onAbort = (): void => {
          clearTimeout(timer);
          reject(signal?.reason);
        };
        const timer = setTimeout(() => {
          signal?.removeEventListener("abort", onAbort);
          resolve();
        }, ms / factor);
        signal?.addEventListener("abort", onAbort, { once: true });
      }),
  };
}

/**
 * `WATCHERS` ZeroBounce uploads, deterministic: queued up to 2 min, processing 1–5 min (clock
 * time), uploaded up to 2 min before the sandbox started; one in 20 fails.
 */
export function seedUploads(): SeedUpload[] {
  let seed = 42;
  const random = (): number => (seed = (seed * 1_103_515_245 + 12_345) >>> 0) / 2 ** 32;
  return Array.from({ length: WATCHERS }, (_, i) => ({
    provider: "zerobounce",
    id: `bench-upload-${String(i).padStart(4, "0")}`,
    name: `list-${i}.csv`,
    createdAt: -Math.round(random() * 120_000),
    queuedMs: Math.round(random() * 120_000),
    processingMs: 60_000 + Math.round(random() * 240_000),
    outcome: i % 20 === 0 ? "failed" : "complete",
    progress: "linear",
  }));
}
