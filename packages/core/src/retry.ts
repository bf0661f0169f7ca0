/**
 * Retry policy, pure: which failures are retried, how long to wait, and what the server asked for.
 * All durations are milliseconds.
 */

export interface RetryOptions {
  /** Retries after the first attempt (so `retries + 1` attempts at most). */
  retries: number;
  /** Backoff cap of the first retry; doubles per retry. */
  minDelayMs: number;
  /** Upper bound of any backoff. */
  maxDelayMs: number;
  /** A server-asked wait (Retry-After and the like) longer than this fails at once instead. */
  maxRetryAfterMs: number;
}

export const RETRY_DEFAULTS: Readonly<RetryOptions> = {
  retries: 2,
  minDelayMs: 500,
  maxDelayMs: 8_000,
  maxRetryAfterMs: 60_000,
} satisfies RetryOptions;

/** Statuses that say "try again": RFC 9110 §15 (408, 429, 5xx gateways) and RFC 8470 (425). */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([408, 425, 429, 500, 502, 503, 504]);

/** RFC 9110 §9.2.2: repeating these has the same effect as sending them once. */
export const IDEMPOTENT_METHODS: ReadonlySet<string> = new Set([
  "GET",
  "HEAD",
  "OPTIONS",
  "PUT",
  "DELETE",
  "TRACE",
]);

/**
 * Exponential backoff with full jitter (AWS Architecture Blog, "Exponential Backoff and Jitter"):
 * uniform in `[0, min(maxDelayMs, minDelayMs · 2^retry))`, `retry` counting from 0.
 */
export function backoffMs(
  retry: number,
  options: RetryOptions,
  random: () => number = Math.random,
): number {
  const cap = Math.min(options.maxDelayMs, options.minDelayMs * 2 ** Math.max(0, retry));
  return Math.floor(random() * Math.max(0, cap));
}

/** IMF-fixdate, RFC 850 and asctime dates (RFC 9110 §5.6.7): a day name first, a clock time inside. */
const HTTP_DATE = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*,? .*\b\d{2}:\d{2}:\d{2}\b/;

const finite = (ms: number): number | undefined =>
  Number.isFinite(ms) ? Math.max(0, Math.ceil(ms)) : undefined;

/**
 * The wait a response asks for, or `undefined`:
 * - `retry-after-ms` (milliseconds; sent by some API gateways, honoured by the Stainless SDKs);
 * - `Retry-After` as delay-seconds or an HTTP-date (RFC 9110 §10.2.3);
 * - HighLevel's `X-RateLimit-Remaining: 0` with `X-RateLimit-Interval-Milliseconds` (the window).
 * Never negative, never NaN.
 */
export function retryAfterMs(headers: Headers, nowMs: number): number | undefined {
  const ms = headers.get("retry-after-ms");
  if (ms !== null && /^\s*\d+(\.\d+)?\s*$/.test(ms)) return finite(Number(ms));
  const after = headers.get("retry-after")?.trim();
  if (after) {
    if (/^\d+(\.\d+)?$/.test(after)) return finite(Number(after) * 1000);
    // Only the three HTTP-date forms, all led by a day name: Date.parse alone reads "-5" as a year.
    if (HTTP_DATE.test(after)) {
      const date = Date.parse(after);
      if (!Number.isNaN(date)) return finite(date - nowMs);
    }
  }
  return rateLimitWindowMs(headers);
}

/** HighLevel: the rest of the window when `X-RateLimit-Remaining` says none are left. */
export function rateLimitWindowMs(headers: Headers): number | undefined {
  if (headers.get("x-ratelimit-remaining")?.trim() !== "0") return undefined;
  const interval = headers.get("x-ratelimit-interval-milliseconds");
  return interval !== null && /^\s*\d+\s*$/.test(interval) ? finite(Number(interval)) : undefined;
}
