/**
 * Summary statistics over latency samples, computed here rather than taken from one tinybench run
 * so that samples of several interleaved rounds can be pooled.
 */

export interface Summary {
  /** Calls per second: 1000 / mean latency. */
  hz: number;
  meanMs: number;
  /** Relative margin of error of the mean, in percent (95 %, normal approximation). */
  rme: number;
  p50Ms: number;
  p75Ms: number;
  p99Ms: number;
  samples: number;
}

/** The `q` quantile (0–1) of ascending `sorted`, linearly interpolated. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const at = (sorted.length - 1) * q;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (at - lo);
}

export function summarize(samplesMs: readonly number[]): Summary {
  const sorted = [...samplesMs].sort((a, b) => a - b);
  const n = sorted.length;
  const mean = sorted.reduce((s, x) => s + x, 0) / n;
  const variance = sorted.reduce((s, x) => s + (x - mean) ** 2, 0) / Math.max(1, n - 1);
  const sem = Math.sqrt(variance / n);
  return {
    hz: 1000 / mean,
    meanMs: mean,
    rme: (100 * 1.96 * sem) / mean,
    p50Ms: quantile(sorted, 0.5),
    p75Ms: quantile(sorted, 0.75),
    p99Ms: quantile(sorted, 0.99),
    samples: n,
  };
}

/** `order` rotated by `round`, and reversed on odd rounds, so no contender always goes first. */
export function roundOrder<T>(order: readonly T[], round: number): T[] {
  const k = round % order.length;
  const rotated = [...order.slice(k), ...order.slice(0, k)];
  return round % 2 === 1 ? rotated.reverse() : rotated;
}
