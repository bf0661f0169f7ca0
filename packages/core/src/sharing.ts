/**
 * `shareable(store)`: a {@link Store} that clients can share through. It carries, under
 * `SHARING`, what a client builds from it: the shared limiter (shared-limit.ts) over its own
 * in-process one, the health that sends it back to the latter while the store fails
 * (store-health.ts), and the link its polling helpers share their looks through (shared-poll.ts).
 * Kept apart from the client, so that only an application that makes a store bundles it.
 */
import { startTimer } from "./clock.ts";
import { SHARING, type ClientStoreInput, type ClientStoreParts } from "./client-store.ts";
import { createSharedLimiter } from "./shared-limit.ts";
import { sharedSource } from "./shared-source.ts";
import { storeHealth } from "./store-health.ts";
import { checkStore, STORE_METHODS, storeScope, type Store } from "./store.ts";

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

/** What one client builds from `store`. */
function share(store: Store, input: ClientStoreInput): ClientStoreParts {
  const { provider, clock, rateLimit, local } = input;
  const guarded = guardStore(store);
  const scope = storeScope(provider, input.secrets);
  scope.catch(() => undefined); // a runtime without crypto.subtle: every call falls back, logged once
  const health = storeHealth(provider, clock, input.logger, input.redact);
  const poll = { store: guarded, scope, health, clock };
  const link = {
    share: (source: Parameters<typeof sharedSource>[1]) => sharedSource(poll, source),
  };
  if (!rateLimit || !local) return { limiter: undefined, link };
  const finite = input.timeoutMs > 0 && Number.isFinite(input.timeoutMs);
  const limiter = createSharedLimiter({
    store: guarded,
    window: scope.then((s) => `${s}:rate`),
    limit: rateLimit,
    clock,
    local,
    health,
    leaseMs: finite ? input.timeoutMs : DEFAULT_LEASE_MS,
  });
  return { limiter, link };
}

/**
 * `store`, checked, made something every provider's `createClient({ store })` takes; returns the
 * same object. `createMemoryStore()` and `createRedisStore()` return shareable stores already: call
 * this on a {@link Store} of your own.
 */
export function shareable<S extends Store>(store: S): S {
  checkStore("core", store);
  const sharing = (input: ClientStoreInput) => share(store, input);
  Object.defineProperty(store, SHARING, { value: sharing, configurable: true });
  return store;
}
