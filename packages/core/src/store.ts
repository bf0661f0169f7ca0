/**
 * What several processes using one credential must share (DESIGN.md § "Beyond one process"): the
 * rate-limit window, the pause a server's rate-limit headers ask for, and the latest status of a
 * watched upload with a short lock, so that one process polls per tick and the others read its
 * answer. `createClient({ store })` takes any implementation; `@filestatus/redis` is one on Redis,
 * {@link createMemoryStore} one shared by the clients of a single process.
 *
 * Keys are built by the client from the provider and a SHA-256 of the credentials
 * ({@link storeScope}), never from a credential itself. Times are milliseconds on the clients'
 * clocks (`now` travels with every call), so processes that share a store should keep their clocks
 * in step (NTP); a skew of `d` ms moves windows by at most `d` ms.
 */

/** A request asking for a place in a window. */
export interface Slot {
  /** Unique to this request (`crypto.randomUUID()`); {@link Store.finish} names it again. */
  id: string;
  /** The client's clock, ms since the epoch. */
  now: number;
  /** Places in the window: requests in flight or finished within the window. */
  requests: number;
  /**
   * How long the place stays taken if `finish` never comes (the process died mid-request): the
   * window plus the longest a request is expected to take.
   */
  holdMs: number;
}

/** The answer to {@link Store.take}: a place, or how long until one may be free. */
export type Taken = { taken: true } | { taken: false; waitMs: number };

/**
 * Shared state behind `createClient({ store })`. Every call should settle quickly: reject when the
 * backing service does not answer (the Redis store has a short command timeout). A rejection makes
 * the client fall back to its in-process limits, log it once, and try the store again a second later.
 * Every key written must expire (the TTLs given), so that nothing is left behind.
 */
export interface Store {
  /**
   * Atomically: unless `window` is paused, drops places that are free by `slot.now` and, when fewer
   * than `slot.requests` remain, takes one until `now + holdMs`. Two callers can never both take
   * the last place.
   */
  take(window: string, slot: Slot): Promise<Taken>;
  /** The request `id` has finished: its place in `window` stays taken until `freeAt`. */
  finish(window: string, id: string, freeAt: number, now: number): Promise<void>;
  /** Grants nothing in `window` before `until` (never shortens a longer pause). */
  pause(window: string, until: number, now: number): Promise<void>;
  /** The text stored under `key`, or `undefined` when there is none (or it expired). */
  get(key: string): Promise<string | undefined>;
  /** Stores `value` under `key` for `ttlMs`. */
  set(key: string, value: string, ttlMs: number): Promise<void>;
  /**
   * Takes the lock `key` for `ttlMs` unless someone holds it: a token to unlock it with, or
   * `undefined`. The lock is the token stored under `key`: its holder renews it with `set`.
   */
  lock(key: string, ttlMs: number): Promise<string | undefined>;
  /** Lets go of the lock `key` if `token` still holds it. */
  unlock(key: string, token: string): Promise<void>;
}

/** Every method of {@link Store}. */
export const STORE_METHODS = ["take", "finish", "pause", "get", "set", "lock", "unlock"] as const;

/** Refuses, at `createClient`, a `store` that lacks one of the {@link Store} methods. */
export function checkStore(provider: string, store: unknown): Store {
  const missing = STORE_METHODS.filter(
    (name) => typeof (store as Record<string, unknown> | null)?.[name] !== "function",
  );
  if (typeof store !== "object" || store === null || missing.length > 0) {
    const what = missing.length < STORE_METHODS.length ? `lacks ${missing.join(", ")}` : "";
    throw new TypeError(
      `@filestatus/${provider}: store must implement Store (take, finish, pause, get, set, lock, unlock)${what && `; it ${what}`}`,
    );
  }
  return store as Store;
}

/** Lowercase hex of the SHA-256 of `text`, cut to `chars` (web-standard `crypto.subtle`). */
export async function sha256Hex(text: string, chars = 64): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  const hex = Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
  return hex.slice(0, chars);
}

/**
 * `<provider>:<hash>`, the start of every key a client writes: 128 bits of a SHA-256 over the
 * provider and every credential value, so clients of one key (or one token) meet under the same
 * keys and no key shows a credential. A NUL separates the parts (credentials never contain one).
 */
export async function storeScope(provider: string, secrets: readonly string[]): Promise<string> {
  return `${provider}:${await sha256Hex(["filestatus", provider, ...secrets].join("\0"), 32)}`;
}
