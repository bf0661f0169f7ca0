/**
 * The checks `createClient` runs on its common options, so a mistake fails there, naming the
 * option, instead of misbehaving quietly on every request.
 */
import type { Fetch } from "./attempt.ts";
import { systemClock, type Clock } from "./clock.ts";
import type { ProviderConfig } from "./client.ts";
import type { Logger } from "./log.ts";
import { checkNumber, optionalNumber, refuse } from "./options.ts";
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
   * `createMemoryStore()` within one process. While it fails, the client keeps to its share of the limit (what the store last granted it).
   */
  store?: Store;
}

export const DEFAULT_TIMEOUT_MS = 30_000;

/** The common options, checked, with their defaults filled in. */
export interface ClientSettings {
  baseUrl: string;
  /** `Accept`, the user's headers, then the provider's required ones. */
  headers: Record<string, string>;
  clock: Clock;
  retry: RetryOptions | false;
  rateLimit: RateLimit | undefined;
  timeoutMs: number;
  logger: Logger | undefined;
  store: unknown;
}

/** RFC 9110 field names; values without CR, LF or NUL (RFC 9110 §5.5). */
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const BAD_VALUE = /[\r\n\0]/;

const isObject = (value: unknown): value is object => typeof value === "object" && value !== null;

/**
 * An absolute http(s) URL without a query, fragment or user info: openapi-fetch appends paths to it
 * as text, so `#x` would swallow every path and `?a=1` would be folded into it.
 */
function checkBaseUrl(owner: string, baseUrl: unknown): string {
  const url = typeof baseUrl === "string" && URL.canParse(baseUrl) ? new URL(baseUrl) : undefined;
  if (
    !url ||
    !/^https?:$/.test(url.protocol) ||
    url.username ||
    url.password ||
    /[?#]/.test(baseUrl as string)
  )
    refuse(owner, "baseUrl must be an absolute http(s) URL without user info, query or fragment");
  return baseUrl as string;
}

/**
 * `headers`, refused when one would silently replace a header the client sets itself (`Accept`, a
 * provider's `Version`, a credential's header): each has its own option.
 */
function checkHeaders(
  owner: string,
  headers: unknown = {}, // left out; `null` is refused like any other non-object
  managed: readonly string[],
): Record<string, string> {
  if (!isObject(headers) || Array.isArray(headers))
    refuse(owner, "headers must be an object of strings");
  const taken = new Set(managed.map((name) => name.toLowerCase()));
  for (const [name, value] of Object.entries(headers)) {
    const why = !TOKEN.test(name)
      ? "is not a header name"
      : typeof value !== "string" || BAD_VALUE.test(value)
        ? "needs a string value without line breaks"
        : taken.has(name.toLowerCase())
          ? "is set by the client (see its options)"
          : "";
    if (why) refuse(owner, `headers: ${JSON.stringify(name.slice(0, 40))} ${why}`);
  }
  return headers as Record<string, string>;
}

/** `false`, or the defaults with the user's overrides, each a number that fits. */
function retrySettings(owner: string, retry: unknown): RetryOptions | false {
  if (retry === false) return false;
  if (retry !== undefined && !isObject(retry)) refuse(owner, "retry must be false or an object");
  const given = (retry ?? {}) as Partial<Record<keyof RetryOptions, unknown>>;
  const pick = (name: keyof RetryOptions, integer?: boolean, infinite?: boolean) =>
    given[name] === undefined
      ? RETRY_DEFAULTS[name]
      : checkNumber(owner, `retry.${name}`, given[name], { min: 0, integer, infinite });
  return {
    retries: pick("retries", true),
    minDelayMs: pick("minDelayMs"),
    maxDelayMs: pick("maxDelayMs"),
    maxRetryAfterMs: pick("maxRetryAfterMs", false, true),
  };
}

/**
 * Every common option, checked where `createClient` is called, so a mistake fails there, naming
 * the option, instead of misbehaving on every request. Values are never quoted back: a base URL
 * or a header may hold a secret.
 */
export function checkClientOptions(config: ProviderConfig, options: CommonOptions): ClientSettings {
  const owner = `@filestatus/${config.provider}`;
  const baseUrl = checkBaseUrl(owner, options.baseUrl ?? config.defaultBaseUrl);
  const required = { Accept: "application/json", ...checkHeaders(owner, config.headers, []) };
  const managed = Object.keys(required);
  for (const c of config.credentials)
    if (c.in !== "query" && c.in !== "path")
      managed.push(c.in === "bearer" ? "Authorization" : c.name);
  const headers = { ...checkHeaders(owner, options.headers, managed), ...required };
  const { fetch, logger, rateLimit } = options;
  if (fetch !== undefined && typeof fetch !== "function") refuse(owner, "fetch must be a function");
  if (logger !== undefined && typeof (logger as Partial<Logger> | null)?.debug !== "function")
    refuse(owner, "logger needs a debug(message) method (console works)");
  return {
    baseUrl,
    headers,
    clock: options.clock ?? systemClock,
    retry: retrySettings(owner, options.retry),
    // `null` is refused rather than read as "off": turning off ZeroBounce's guard costs an hour's
    // block, so it takes an explicit `false`.
    rateLimit:
      rateLimit === undefined
        ? config.rateLimit
        : rateLimit === false
          ? undefined
          : checkRateLimit(owner, rateLimit),
    timeoutMs:
      optionalNumber(owner, "timeoutMs", options.timeoutMs, { min: 0, infinite: true }) ??
      DEFAULT_TIMEOUT_MS,
    logger,
    store: options.store,
  };
}
