import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  backoffMs,
  IDEMPOTENT_METHODS,
  RETRY_DEFAULTS,
  retryAfterMs,
  RETRYABLE_STATUSES,
  rateLimitWindowMs,
  type RetryOptions,
} from "../src/retry.ts";

const NOW = Date.UTC(2025, 5, 1, 12, 0, 0);

const headers = (init: Record<string, string>) => new Headers(init);

/** A header value, and the wait it asks for when it is well-formed. */
interface Part {
  value: string;
  ms?: number;
}

describe("RETRY_DEFAULTS", () => {
  it("are two retries, 500 ms doubling to 8 s, and at most a minute of server-asked wait", () => {
    expect(RETRY_DEFAULTS).toStrictEqual({
      retries: 2,
      minDelayMs: 500,
      maxDelayMs: 8000,
      maxRetryAfterMs: 60000,
    });
  });
});

describe("backoffMs", () => {
  const caps = [500, 1000, 2000, 4000, 8000, 8000];

  it("doubles the cap per retry from 500 ms up to 8000 ms (random just below 1)", () => {
    const delays = caps.map((_, retry) => backoffMs(retry, RETRY_DEFAULTS, () => 0.999999));
    expect(delays).toEqual(caps.map((cap) => Math.floor(0.999999 * cap)));
    expect(delays).toEqual([499, 999, 1999, 3999, 7999, 7999]);
  });

  it("is 0 when random() is 0", () => {
    for (let retry = 0; retry < 8; retry++) {
      expect(backoffMs(retry, RETRY_DEFAULTS, () => 0)).toBe(0);
    }
  });

  it("uses full jitter: uniform in [0, cap)", () => {
    for (const [retry, cap] of caps.entries()) {
      for (const r of [0, 0.25, 0.5, 0.75, 0.999999]) {
        const delay = backoffMs(retry, RETRY_DEFAULTS, () => r);
        expect(delay).toBe(Math.floor(r * cap));
        expect(delay).toBeGreaterThanOrEqual(0);
        expect(delay).toBeLessThan(cap);
      }
    }
  });

  it("treats a negative retry index as the first retry", () => {
    expect(backoffMs(-3, RETRY_DEFAULTS, () => 0.999999)).toBe(499);
  });

  it("is an integer in [0, min(maxDelayMs, minDelayMs · 2^retry)] for any options", () => {
    const options = fc
      .tuple(
        fc.double({ min: 0, max: 1e7, noNaN: true }),
        fc.double({ min: 0, max: 1e7, noNaN: true }),
      )
      .map(([a, b]): RetryOptions => ({
        ...RETRY_DEFAULTS,
        minDelayMs: Math.min(a, b),
        maxDelayMs: Math.max(a, b),
      }));
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 50 }),
        options,
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (retry, o, r) => {
          const cap = Math.min(o.maxDelayMs, o.minDelayMs * 2 ** retry);
          const delay = backoffMs(retry, o, () => r);
          expect(Number.isInteger(delay)).toBe(true);
          expect(delay).toBeGreaterThanOrEqual(0);
          expect(delay).toBeLessThanOrEqual(cap);
          if (cap > 0) expect(delay).toBeLessThan(cap);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe("retryAfterMs", () => {
  it("reads Retry-After delay-seconds as seconds", () => {
    expect(retryAfterMs(headers({ "Retry-After": "1" }), NOW)).toBe(1000);
    expect(retryAfterMs(headers({ "Retry-After": "0" }), NOW)).toBe(0);
    expect(retryAfterMs(headers({ "Retry-After": "1.5" }), NOW)).toBe(1500);
    expect(retryAfterMs(headers({ "Retry-After": " 2 " }), NOW)).toBe(2000);
  });

  it("reads a Retry-After HTTP-date relative to now, never negative", () => {
    const inThreeSeconds = new Date(NOW + 3000).toUTCString();
    expect(retryAfterMs(headers({ "Retry-After": inThreeSeconds }), NOW)).toBe(3000);
    const past = new Date(NOW - 60_000).toUTCString();
    expect(retryAfterMs(headers({ "Retry-After": past }), NOW)).toBe(0);
  });

  it("prefers retry-after-ms, in milliseconds, over Retry-After", () => {
    expect(retryAfterMs(headers({ "retry-after-ms": "250" }), NOW)).toBe(250);
    expect(retryAfterMs(headers({ "retry-after-ms": "250", "Retry-After": "10" }), NOW)).toBe(250);
  });

  // V8's Date.parse reads "-5" as the year -5 and "x 3000" as 3000; only day-led HTTP-dates count.
  it.each([
    "soon",
    "",
    "1e3",
    "0x10",
    "Infinity",
    "-5",
    "+5",
    "1 2",
    "Mon 5",
    "soon 2099",
    "x 3000",
  ])("ignores a garbage Retry-After %j", (value) => {
    expect(retryAfterMs(headers({ "Retry-After": value }), NOW)).toBeUndefined();
  });

  it("is undefined without any of the headers", () => {
    expect(retryAfterMs(headers({}), NOW)).toBeUndefined();
  });

  it("reads HighLevel's window only when no requests remain", () => {
    const window = { "X-RateLimit-Interval-Milliseconds": "10000" };
    const exhausted = headers({ "X-RateLimit-Remaining": "0", ...window });
    const left = headers({ "X-RateLimit-Remaining": "5", ...window });
    expect(retryAfterMs(exhausted, NOW)).toBe(10000);
    expect(rateLimitWindowMs(exhausted)).toBe(10000);
    expect(retryAfterMs(left, NOW)).toBeUndefined();
    expect(rateLimitWindowMs(left)).toBeUndefined();
  });

  it("honours whichever well-formed header comes first, ignoring garbage, never negative", () => {
    // Each header is absent, garbage (led by "x": no number and no day name) or well-formed with
    // the wait it asks for. The wait expected is the first well-formed one of retry-after-ms,
    // Retry-After, then HighLevel's exhausted window, so most runs ask for one.
    const garbage = fc.string().map((s): Part => ({ value: `x${s}` }));
    const header = (wellFormed: fc.Arbitrary<Part>) =>
      fc.option(fc.oneof(garbage, wellFormed, wellFormed), { nil: undefined });
    const millis = fc.nat().map((n): Part => ({ value: ` ${n} `, ms: n }));
    const seconds = fc
      .tuple(fc.nat(1e6), fc.constantFrom("", ".5", ".25"))
      .map(([n, fraction]): Part => ({
        value: `${n}${fraction}`,
        ms: n * 1000 + (fraction ? Number(fraction) * 1000 : 0),
      }));
    // HTTP-dates have whole seconds; years 1970 to 9999.
    const date = fc.integer({ min: 0, max: 253_402_300_799 }).map((s) => s * 1000);
    const now = fc.integer({ min: 0, max: 253_402_300_799_000 });
    let answered = 0;
    fc.assert(
      fc.property(
        header(millis),
        header(seconds),
        fc.option(date, { nil: undefined }),
        fc.constantFrom("0", " 0 ", "5", undefined),
        header(millis),
        now,
        (ms, after, at, remaining, interval, nowMs) => {
          const h = new Headers();
          if (ms) h.set("retry-after-ms", ms.value);
          // A date stands in for delay-seconds when both are drawn: one header, one value.
          const retryAfter = at !== undefined ? new Date(at).toUTCString() : after?.value;
          if (retryAfter !== undefined) h.set("retry-after", retryAfter);
          if (remaining !== undefined) h.set("x-ratelimit-remaining", remaining);
          if (interval) h.set("x-ratelimit-interval-milliseconds", interval.value);
          const asked = at !== undefined ? Math.max(0, at - nowMs) : after?.ms;
          const window = remaining?.trim() === "0" ? interval?.ms : undefined;
          const expected = ms?.ms ?? asked ?? window;
          const result = retryAfterMs(h, nowMs);
          expect(result).toBe(expected); // Object.is: never -0 either
          if (result !== undefined) answered++;
        },
      ),
      { numRuns: 300 },
    );
    expect(answered).toBeGreaterThan(150);
  });
});

describe("RETRYABLE_STATUSES and IDEMPOTENT_METHODS", () => {
  it("retry exactly 408, 425, 429, 500, 502, 503 and 504", () => {
    expect(new Set(RETRYABLE_STATUSES)).toEqual(new Set([408, 425, 429, 500, 502, 503, 504]));
    for (const status of [400, 401, 403, 404, 409, 422, 501, 505]) {
      expect(RETRYABLE_STATUSES.has(status)).toBe(false);
    }
  });

  it("repeat only the idempotent methods", () => {
    for (const method of ["GET", "HEAD", "OPTIONS", "PUT", "DELETE", "TRACE"]) {
      expect(IDEMPOTENT_METHODS.has(method)).toBe(true);
    }
    for (const method of ["POST", "PATCH"]) {
      expect(IDEMPOTENT_METHODS.has(method)).toBe(false);
    }
  });
});
