/**
 * What `createApiClient` builds from its `store` option: without one, the in-process limiter it
 * always had (and nothing else, so a client without a store behaves and performs as before); with
 * one, the shared limiter and the link its polling helpers use to share their looks.
 */
import type { Clock } from "./clock.ts";
import type { Logger } from "./log.ts";
import { createRateLimiter, type RateLimit, type RateLimiter } from "./rate-limit.ts";
import type { Redactor } from "./redact.ts";
import { createSharedLimiter } from "./shared-limit.ts";
import type { StoreLink } from "./shared-poll.ts";
import { storeHealth } from "./store-health.ts";
import { checkStore, storeScope } from "./store.ts";

/** A place held by a request that never reports back, without a finite per-attempt timeout. */
export const DEFAULT_LEASE_MS = 60_000;

export interface ClientStoreInput {
  provider: string;
  store: unknown;
  secrets: readonly string[];
  clock: Clock;
  logger: Logger | undefined;
  redact: Redactor;
  rateLimit: RateLimit | undefined;
  /** Per attempt; `0` or `Infinity` for none. */
  timeoutMs: number;
}

export interface ClientStoreParts {
  limiter: RateLimiter | undefined;
  link: StoreLink | undefined;
}

export function clientStore(input: ClientStoreInput): ClientStoreParts {
  const { provider, clock, rateLimit } = input;
  const local = rateLimit ? createRateLimiter(rateLimit, clock) : undefined;
  if (input.store === undefined) return { limiter: local, link: undefined };
  const store = checkStore(provider, input.store);
  const scope = storeScope(provider, input.secrets);
  scope.catch(() => undefined); // a runtime without crypto.subtle: every call falls back, logged once
  const health = storeHealth(provider, clock, input.logger, input.redact);
  const link: StoreLink = { store, scope, health, clock };
  if (!rateLimit || !local) return { limiter: undefined, link };
  const finite = input.timeoutMs > 0 && Number.isFinite(input.timeoutMs);
  const limiter = createSharedLimiter({
    store,
    window: scope.then((s) => `${s}:rate`),
    limit: rateLimit,
    clock,
    local,
    health,
    leaseMs: finite ? input.timeoutMs : DEFAULT_LEASE_MS,
  });
  return { limiter, link };
}
