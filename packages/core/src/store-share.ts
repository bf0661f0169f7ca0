/**
 * What a client keeps to while its store fails: its own share of the shared window, not the whole
 * limit. Eight workers sharing ZeroBounce's 250 a minute each send about 31; were each to fall back
 * to the whole 250 when Redis stalls, they would send up to 2,000 between them, and the first past
 * 250 blocks the key for an hour. So the share is the places the store granted this process in the
 * last window, counted when the outage begins; requests during the outage count against it as the
 * store's grants did. A process the store never granted a place has nothing to go by, and keeps to
 * its in-process limit alone.
 */
import type { Clock } from "./clock.ts";
import type { RateLimit } from "./rate-limit.ts";

export interface Share {
  /** The store granted this process a place now: the store is answering. */
  granted(): void;
  /** While the store fails: takes a place within the share, waiting for one to free. */
  take(signal?: AbortSignal): Promise<void>;
}

export function createShare(limit: RateLimit, clock: Clock): Share {
  const recent: number[] = []; // places taken within the last window, oldest first
  let share: number | undefined; // fixed when an outage begins
  let everGranted = false;
  const prune = (now: number) => {
    while (recent.length > 0 && recent[0]! <= now - limit.perMs) recent.shift();
  };
  return {
    granted() {
      everGranted = true;
      share = undefined;
      const now = clock.now();
      prune(now);
      recent.push(now);
    },
    async take(signal) {
      if (!everGranted) return;
      prune(clock.now());
      share ??= Math.max(1, recent.length);
      for (;;) {
        const now = clock.now();
        prune(now);
        if (recent.length < share) return void recent.push(now);
        await clock.sleep(recent[0]! + limit.perMs - now, signal);
      }
    },
  };
}
