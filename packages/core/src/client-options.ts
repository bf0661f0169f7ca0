/**
 * The checks `createClient` runs on its common options, so a mistake fails there, naming the
 * option, instead of misbehaving quietly on every request.
 */
import type { Fetch } from "./attempt.ts";
import type { Clock } from "./clock.ts";
import type { Logger } from "./log.ts";
import { checkNumber } from "./options.ts";
import { checkRateLimit, type RateLimit } from "./rate-limit.ts";
import { RETRY_DEFAULTS, type RetryOptions } from "./retry.ts";
import type { Store } from "./store.ts";

/** Options every provider's `createClient` accepts besides its credentials. */
export interface CommonOptions {
  /** Server URL (absolute http(s), no query or fragment); defaults to the spec's first server. */
  baseUrl?: string;
  /** Transport; defaults to the global `fetch`. */
  fetch?: Fetch;
  /**
   * Headers sent with every request; they cannot replace one the client sets (`Accept`, a
   * provider's required header, a credential's header).
   */
  headers?: Record<string, string>;
  /** `false` to send each request once; defaults to `RETRY_DEFAULTS`. */
  retry?: Partial<RetryOptions> | false;
  /** Per attempt, in milliseconds; default 30 000; `0` or `Infinity` for none. */
  timeoutMs?: number;
  /**
   * Client-side limit shared by every call; defaults to the provider's documented limit; `false`
   * for none.
   */
  rateLimit?: RateLimit | false;
  /** Receives one redacted debug line per attempt (`console` works); a throwing logger is ignored. */
  logger?: Logger;
  /** Time source for backoff and rate limiting (not timeouts); tests pass a virtual clock. */
  clock?: Clock;
  /**
   * Shares the rate limit and the polling of uploads with every client (in any process) that uses
   * the same credentials and store: `createRedisStore` from `@filestatus/redis`, or
   * `createMemoryStore()` within one process. While it fails, the client works on its own limit.
   */
  store?: Store;
}

const owner = (provider: string) => `@filestatus/${provider}`;

/**
 * An absolute http(s) URL without a query, fragment or user info: openapi-fetch appends paths to it
 * as text, so `#x` would swallow every path and `?a=1` would be folded into it. The URL is not
 * quoted back: it may hold a secret.
 */
export function checkBaseUrl(provider: string, baseUrl: unknown): string {
  const url = typeof baseUrl === "string" && URL.canParse(baseUrl) ? new URL(baseUrl) : undefined;
  if (
    !url ||
    !/^https?:$/.test(url.protocol) ||
    url.username ||
    url.password ||
    /[?#]/.test(baseUrl as string)
  ) {
    throw new TypeError(
      `${owner(provider)}: baseUrl must be an absolute http(s) URL without user info, query or fragment`,
    );
  }
  return baseUrl as string;
}

/** RFC 9110 field names; values without CR, LF or NUL (RFC 9110 §5.5). */
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const BAD_VALUE = /[\r\n\0]/;

/**
 * The user's `headers`, refused when one would silently replace a header the client sets itself
 * (`Accept`, a provider's `Version`, a credential's header): each has its own option. Values are
 * never quoted: a header may carry a secret.
 */
export function checkHeaders(
  provider: string,
  headers: unknown,
  managed: readonly string[],
): Record<string, string> {
  if (headers === undefined) return {};
  if (typeof headers !== "object" || headers === null || Array.isArray(headers)) {
    throw new TypeError(`${owner(provider)}: headers must be an object of strings`);
  }
  const taken = new Set(managed.map((name) => name.toLowerCase()));
  for (const [name, value] of Object.entries(headers)) {
    const why = !TOKEN.test(name)
      ? "is not a header name"
      : typeof value !== "string" || BAD_VALUE.test(value)
        ? "needs a string value without line breaks"
        : taken.has(name.toLowerCase())
          ? "is set by the client (see its options)"
          : undefined;
    if (why)
      throw new TypeError(
        `${owner(provider)}: headers: ${JSON.stringify(name.slice(0, 40))} ${why}`,
      );
  }
  return headers as Record<string, string>;
}

/** `false`, or the defaults with the user's overrides, each checked. */
export function resolveRetry(provider: string, retry: unknown): RetryOptions | false {
  if (retry === false) return false;
  if (retry === undefined) return { ...RETRY_DEFAULTS };
  if (typeof retry !== "object" || retry === null) {
    throw new TypeError(`${owner(provider)}: retry must be false or an object`);
  }
  const given = retry as Partial<Record<keyof RetryOptions, unknown>>;
  const pick = (name: keyof RetryOptions, rule: Parameters<typeof checkNumber>[3]) =>
    given[name] === undefined
      ? RETRY_DEFAULTS[name]
      : checkNumber(owner(provider), `retry.${name}`, given[name], rule);
  const options: RetryOptions = {
    retries: pick("retries", { min: 0, integer: true }),
    minDelayMs: pick("minDelayMs", { min: 0 }),
    maxDelayMs: pick("maxDelayMs", { min: 0 }),
    maxRetryAfterMs: pick("maxRetryAfterMs", { min: 0, infinite: true }),
  };
  return options;
}

/**
 * `undefined` for no limit (`false`), the provider's default when left out, or the user's limit,
 * checked. `null` is refused rather than read as "off": turning off ZeroBounce's guard costs an
 * hour's block, so it takes an explicit `false`.
 */
export function resolveRateLimit(
  provider: string,
  rateLimit: unknown,
  fallback: RateLimit | undefined,
): RateLimit | undefined {
  if (rateLimit === false) return undefined;
  return rateLimit === undefined ? fallback : checkRateLimit(owner(provider), rateLimit);
}
