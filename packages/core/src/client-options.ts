/**
 * The checks `createClient` runs on its common options, so a mistake fails there, naming the
 * option, instead of misbehaving quietly on every request.
 */
import type { Fetch } from "./attempt.ts";
import type { Credential } from "./auth.ts";
import { systemClock, type Clock } from "./clock.ts";
import type { ProviderConfig } from "./client.ts";
import type { Logger } from "./log.ts";
import { checkNumber, optionalNumber } from "./options.ts";
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

/** The header a credential travels in, if any. */
const credentialHeader = (c: Credential): string[] =>
  c.in === "bearer" ? ["Authorization"] : c.in === "header" ? [c.name] : [];

/**
 * Every common option, checked where `createClient` is called; each refusal names its option.
 * Values are never quoted back: a base URL or a header may hold a secret.
 */
export function checkClientOptions(config: ProviderConfig, options: CommonOptions): ClientSettings {
  const owner = `@filestatus/${config.provider}`;
  const refuse = (what: string): never => {
    throw new TypeError(`${owner}: ${what}`);
  };
  const isObject = (value: unknown): value is object => typeof value === "object" && value !== null;
  // openapi-fetch appends paths to the base URL as text: `#x` would swallow every path and `?a=1`
  // would be folded into it.
  const baseUrl = options.baseUrl ?? config.defaultBaseUrl;
  const url = typeof baseUrl === "string" && URL.canParse(baseUrl) ? new URL(baseUrl) : undefined;
  if (
    !url ||
    !/^https?:$/.test(url.protocol) ||
    url.username ||
    url.password ||
    /[?#]/.test(baseUrl)
  )
    refuse("baseUrl must be an absolute http(s) URL without user info, query or fragment");
  // The user's headers may not silently replace one the client sets (`Accept`, a provider's
  // `Version`, a credential's header): each has its own option.
  const headers = (given: unknown, managed: readonly string[]): Record<string, string> => {
    if (!isObject(given) || Array.isArray(given)) refuse("headers must be an object of strings");
    const taken = new Set(managed.map((name) => name.toLowerCase()));
    for (const [name, value] of Object.entries(given as object)) {
      const why = !TOKEN.test(name)
        ? "is not a header name"
        : typeof value !== "string" || BAD_VALUE.test(value)
          ? "needs a string value without line breaks"
          : taken.has(name.toLowerCase())
            ? "is set by the client (see its options)"
            : "";
      if (why) refuse(`headers: ${JSON.stringify(name.slice(0, 40))} ${why}`);
    }
    return given as Record<string, string>;
  };
  const required = { Accept: "application/json", ...headers(config.headers ?? {}, []) };
  const managed = [...Object.keys(required), ...config.credentials.flatMap(credentialHeader)];
  const user = headers(options.headers ?? {}, managed);
  if (options.fetch !== undefined && typeof options.fetch !== "function")
    refuse("fetch must be a function");
  const { logger, retry } = options;
  if (logger !== undefined && typeof (logger as Partial<Logger> | null)?.debug !== "function")
    refuse("logger needs a debug(message) method (console works)");
  if (retry !== undefined && retry !== false && !isObject(retry))
    refuse("retry must be false or an object");
  // Retry settings: the defaults, each overridden only by a number that fits.
  const pick = (name: keyof RetryOptions, min: number, integer?: boolean, infinite?: boolean) => {
    const value = retry ? retry[name] : undefined;
    return value === undefined
      ? RETRY_DEFAULTS[name]
      : checkNumber(owner, `retry.${name}`, value, { min, integer, infinite });
  };
  return {
    baseUrl: baseUrl as string,
    headers: { ...user, ...required },
    clock: options.clock ?? systemClock,
    retry: retry !== false && {
      retries: pick("retries", 0, true),
      minDelayMs: pick("minDelayMs", 0),
      maxDelayMs: pick("maxDelayMs", 0),
      maxRetryAfterMs: pick("maxRetryAfterMs", 0, false, true),
    },
    // `null` is refused rather than read as "off": turning off ZeroBounce's guard costs an hour's
    // block, so it takes an explicit `false`.
    rateLimit:
      options.rateLimit === undefined
        ? config.rateLimit
        : options.rateLimit === false
          ? undefined
          : checkRateLimit(owner, options.rateLimit),
    timeoutMs:
      optionalNumber(owner, "timeoutMs", options.timeoutMs, { min: 0, infinite: true }) ??
      DEFAULT_TIMEOUT_MS,
    logger,
    store: options.store,
  };
}
