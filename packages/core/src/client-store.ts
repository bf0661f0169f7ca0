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
import { checkStore, STORE_METHODS, storeScope, type Store } from "./store.ts";
import { startTimer } from "./clock.ts";

/** A place held by a request that never reports back, without a finite per-attempt timeout. */
export const DEFAULT_LEASE_MS = 60_000;

/**
 * A store call still unsettled after this long counts as failed, so a store without a timeout of
 * its own cannot hold requests forever (the Redis store gives up sooner: 500 ms by default).
 */
export const STORE_CALL_LIMIT_MS = 5_000;

/** `store` with every call failed once `limitMs` pass first (real time: it guards a socket). */
export function guardStore(store: Store, limitMs: number = STORE_CALL_LIMIT_MS): Store {
  const guarded = {} as Record<keyof Store, unknown>;
  for (const name of STORE_METHODS) {
    guarded[name] = (...args: unknown[]) =>
      new Promise((resolve, reject) => {
        const cancel = startTimer(limitMs, () =>
          reject(new Error(`the store did not answer within ${limitMs} ms`)),
        );
        const settle =
          <T>(then: (value: T) => void) =>
          (value: T) => (cancel(), then(value));
        Promise.resolve()
          .then(() => (store[name] as (...a: unknown[]) => unknown)(...args))
          .then(settle(resolve), settle(reject));
      });
  }
  return guarded as unknown as Store;
}

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
  /** Default {@link STORE_CALL_LIMIT_MS}. */
  storeCallLimitMs?: number;
}

export interface ClientStoreParts {
  limiter: RateLimiter | undefined;
  link: StoreLink | undefined;
}

export function clientStore(input: ClientStoreInput): ClientStoreParts {
  const { provider, clock, rateLimit } = input;
  const local = rateLimit ? createRateLimiter(rateLimit, clock) : undefined;
  if (input.store === undefined) return { limiter: local, link: undefined };
  const store = guardStore(checkStore(provider, input.store), input.storeCallLimitMs);
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
