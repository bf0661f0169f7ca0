/**
 * The plan of the "beyond one process" section and its pure parts: the clock, the teams, the
 * uploads they watch and how they are dealt out to workers, and how requests beyond a limit, or
 * close behind another for the same upload, are counted.
 */
import type { RateLimit } from "@filestatus/core";
import type { SeedUpload } from "@filestatus/sandbox";

/**
 * A clock minute in three seconds. Every wait inside the clients runs on this clock, but Redis's
 * command timeout (500 ms) is real time: the faster the clock, the more store traffic per real
 * second and the likelier a loaded machine delays an answer past it.
 */
export const FACTOR = 20;
export const WORKERS = 8;
export const WATCHERS_EACH = 250;
export const SHARED_UPLOADS = 100;
/** How long (shared clock) each watcher of the control keeps trying once the key is blocked. */
export const CONTROL_MS = 180_000;
/**
 * Each other watcher's `timeoutMs` (shared clock): a third more than the runs need (9–10
 * minutes), so that a run whose key was blocked for an hour ends within 40 s of real time.
 */
export const RUN_MS: number = 13 * 60_000;
/** Wall-clock bound on any one team, past every `timeoutMs`. */
export const DEADLINE_MS = 120_000;

/** Uploaded up to a minute ago, queued up to a minute, processing 0.5–2.5 minutes. */
export const TEAM_TIMELINE: Timeline = {
  agoMs: 60_000,
  queuedMs: 60_000,
  processingMs: [30_000, 150_000],
};
/**
 * The same 100 uploads for every process, processing 4–8 minutes. The scheduler looks at an
 * upload at least every 30 s, so 100 of them ask for close to ZeroBounce's 250 a minute, and
 * more while they are queued (a look every few seconds): the limit binds at times even for one.
 */
export const SHARED_TIMELINE: Timeline = {
  agoMs: 30_000,
  queuedMs: 30_000,
  processingMs: [240_000, 480_000],
};

/** Ranges of an upload's timeline, in ms of the shared clock. */
export interface Timeline {
  /** Uploaded up to this long before the watchers start. */
  agoMs: number;
  queuedMs: number;
  processingMs: [min: number, max: number];
}

/**
 * `count` ZeroBounce uploads named `<prefix>-<n>`, deterministic: each uploaded, queued and
 * processed for its own share of `timeline`'s ranges, with linear progress; one in 20 fails.
 */
export function seededUploads(count: number, prefix: string, timeline: Timeline): SeedUpload[] {
  let seed = 7;
  const random = (): number => (seed = (seed * 1_103_515_245 + 12_345) >>> 0) / 2 ** 32;
  const [min, max] = timeline.processingMs;
  return Array.from({ length: count }, (_, i) => ({
    provider: "zerobounce",
    id: `${prefix}-${String(i).padStart(4, "0")}`,
    name: `${prefix}-${i}.csv`,
    createdAt: -Math.round(random() * timeline.agoMs),
    queuedMs: Math.round(random() * timeline.queuedMs),
    processingMs: min + Math.round(random() * (max - min)),
    outcome: i % 20 === 0 ? "failed" : "complete",
    progress: "linear",
  }));
}

/** `items` dealt into `parts` runs of consecutive items, as even as they go. */
export function split<T>(items: readonly T[], parts: number): T[][] {
  if (!(Number.isInteger(parts) && parts >= 1))
    throw new RangeError(`split: parts must be a whole number ≥ 1, got ${parts}`);
  const size = Math.ceil(items.length / parts);
  return Array.from({ length: parts }, (_, i) => items.slice(i * size, (i + 1) * size));
}

/**
 * How many of `arrivals` (ms, any order) a provider counting `limit` in a sliding window would
 * refuse: those that find `limit.requests` accepted arrivals within the `perMs` before them (the
 * sandbox's rule: an arrival `perMs` old no longer counts, a refused one never does). ZeroBounce
 * blocks the key at the first: every request after it is refused too, for an hour.
 */
export function overLimit(arrivals: readonly number[], limit: RateLimit): number {
  const sorted = [...arrivals].sort((a, b) => a - b);
  const accepted: number[] = [];
  let oldest = 0; // the first accepted arrival still inside the window
  let over = 0;
  for (const at of sorted) {
    while (oldest < accepted.length && accepted[oldest]! <= at - limit.perMs) oldest++;
    if (accepted.length - oldest < limit.requests) accepted.push(at);
    else over++;
  }
  return over;
}

/**
 * Requests for an upload that came less than `withinMs` after the previous request for it, from
 * any worker: `looks[w]` holds worker `w`'s requests as [id, at].
 */
export function closeRepeats(
  looks: readonly (readonly (readonly [string, number])[])[],
  withinMs: number,
): number {
  const byId = new Map<string, number[]>();
  for (const list of looks)
    for (const [id, at] of list) {
      let times = byId.get(id);
      if (!times) byId.set(id, (times = []));
      times.push(at);
    }
  let close = 0;
  for (const times of byId.values()) {
    times.sort((a, b) => a - b);
    for (let i = 1; i < times.length; i++) if (times[i]! - times[i - 1]! < withinMs) close++;
  }
  return close;
}
