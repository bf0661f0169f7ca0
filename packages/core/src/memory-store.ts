/**
 * A {@link Store} in this process's memory: clients created with the same one share their limits
 * and polling as if they were one client, which two clients of one key in one application need.
 * It is also the reference the Redis store is tested against: same answers, same expiries.
 */
import { shareable } from "./sharing.ts";
import type { Slot, Store, Taken } from "./store.ts";

export interface MemoryStoreOptions {
  /** The time that `set` and `lock` TTLs run on; default `Date.now`. Windows use each call's `now`. */
  now?: () => number;
}

interface Window {
  /** When each place frees: slot id → ms. */
  places: Map<string, number>;
  pausedUntil: number;
}

export function createMemoryStore(options: MemoryStoreOptions = {}): Store {
  const clock = options.now ?? Date.now;
  const windows = new Map<string, Window>();
  const values = new Map<string, { value: string; expires: number }>();
  let tokens = 0;

  const windowOf = (key: string, now: number): Window => {
    let window = windows.get(key);
    if (!window) windows.set(key, (window = { places: new Map(), pausedUntil: 0 }));
    for (const [id, freeAt] of window.places) if (freeAt <= now) window.places.delete(id);
    return window;
  };
  /** Forgets a window with nothing in it, as an expiring Redis key would be. */
  const tidy = (key: string, window: Window, now: number): void => {
    if (window.places.size === 0 && window.pausedUntil <= now) windows.delete(key);
  };
  const live = (key: string): string | undefined => {
    const entry = values.get(key);
    if (entry && entry.expires <= clock()) values.delete(key);
    return values.get(key)?.value;
  };

  return shareable({
    async take(key: string, slot: Slot): Promise<Taken> {
      const window = windowOf(key, slot.now);
      if (window.pausedUntil > slot.now)
        return { taken: false, waitMs: window.pausedUntil - slot.now };
      if (window.places.size < slot.requests) {
        window.places.set(slot.id, slot.now + slot.holdMs);
        return { taken: true };
      }
      const soonest = Math.min(...window.places.values());
      return { taken: false, waitMs: Math.max(1, Math.ceil(soonest - slot.now)) };
    },
    async finish(key, id, freeAt, now) {
      const window = windowOf(key, now);
      if (freeAt > now) window.places.set(id, freeAt);
      else window.places.delete(id);
      tidy(key, window, now);
    },
    async pause(key, until, now) {
      const window = windowOf(key, now);
      window.pausedUntil = Math.max(window.pausedUntil, until);
      tidy(key, window, now);
    },
    async get(key) {
      return live(key);
    },
    async set(key, value, ttlMs) {
      values.set(key, { value, expires: clock() + ttlMs });
    },
    async lock(key, ttlMs) {
      if (live(key) !== undefined) return undefined;
      const token = `lock-${++tokens}`;
      values.set(key, { value: token, expires: clock() + ttlMs });
      return token;
    },
    async unlock(key, token) {
      if (live(key) === token) values.delete(key);
    },
  });
}
