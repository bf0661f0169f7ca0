/**
 * Sliding-window counters, one per key (an API key, a token and location), on the sandbox's `now`.
 */

export interface WindowResult {
  /** False when the request would be the (limit + 1)th inside the window: it is not counted. */
  allowed: boolean;
  /** Requests left in the window after this one. */
  remaining: number;
}

export interface SlidingWindow {
  readonly limit: number;
  readonly windowMs: number;
  /** Counts one request for `key` at `now` if the window has room. */
  take(key: string, now: number): WindowResult;
}

export function slidingWindow(limit: number, windowMs: number): SlidingWindow {
  const hits = new Map<string, number[]>();
  return {
    limit,
    windowMs,
    take(key, now) {
      const recent = (hits.get(key) ?? []).filter((at) => at > now - windowMs);
      const allowed = recent.length < limit;
      if (allowed) recent.push(now);
      hits.set(key, recent);
      return { allowed, remaining: Math.max(0, limit - recent.length) };
    },
  };
}

/** A per-key count that starts afresh every UTC day, for daily quotas. */
export interface DailyQuota {
  readonly limit: number;
  take(key: string, now: number): WindowResult;
  /** What `take` would say about the next request, without counting anything. */
  peek(key: string, now: number): WindowResult;
}

export function dailyQuota(limit: number): DailyQuota {
  const counts = new Map<string, { day: number; count: number }>();
  const today = (key: string, now: number) => {
    const day = Math.floor(now / 86_400_000);
    const entry = counts.get(key);
    return { day, count: entry?.day === day ? entry.count : 0 };
  };
  return {
    limit,
    take(key, now) {
      const { day, count } = today(key, now);
      const allowed = count < limit;
      const next = allowed ? count + 1 : count;
      counts.set(key, { day, count: next });
      return { allowed, remaining: Math.max(0, limit - next) };
    },
    peek(key, now) {
      const { count } = today(key, now);
      return { allowed: count < limit, remaining: Math.max(0, limit - count) };
    },
  };
}
