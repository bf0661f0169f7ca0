/**
 * The Redis store of `--redis`: opened for the clients a command creates, closed when the command
 * ends however it ends, so that the process exits at once instead of holding a connection (or
 * reconnecting) forever. `@filestatus/redis` is imported only when a URL is given: a command
 * without one never pays for loading a Redis client.
 */
import { shareable, type CommonOptions, type Logger, type Store } from "@filestatus/core";
import type { RedisStore } from "@filestatus/redis";
import { notice } from "./live.ts";
import type { Io } from "./main.ts";
import { printable } from "./render.ts";
import type { RedisUrl } from "./redis-url.ts";

/** What each run has to close when it ends, by the run's own {@link Io}. */
const openStores = new WeakMap<Io, (() => Promise<void>)[]>();

/**
 * Lines the clients log about the store (it stopped answering, it answers again), on stderr (above
 * a live display), with the URL redacted. Nothing else: the per-request debug lines are not the
 * command's output.
 */
function storeLogger(redis: RedisUrl, io: Io): Logger {
  const show = (line: string) => {
    const text = redis.scrub(line).replace(/^\[filestatus:[\w-]+\] /, "");
    notice(io, `filestatus: ${printable(`${redis.shown}: ${text}`)}\n`);
  };
  return { debug: () => undefined, info: show, warn: show };
}

/**
 * `store`, closed only once its calls in flight have settled (each within the store's command
 * timeout). A request gives its place back to the shared window as it ends, in the background:
 * closing under that call would lose it (the place stays taken for others until its lease runs
 * out) and have the client report the store unavailable just as the command ends.
 */
function settling(store: RedisStore): { store: Store; close(): Promise<void> } {
  const pending = new Set<Promise<unknown>>();
  const track = <T>(call: Promise<T>): Promise<T> => {
    pending.add(call);
    const settled = () => void pending.delete(call);
    call.then(settled, settled);
    return call;
  };
  const tracked: Store = {
    take: (window, slot) => track(store.take(window, slot)),
    finish: (window, id, freeAt, now) => track(store.finish(window, id, freeAt, now)),
    pause: (window, until, now) => track(store.pause(window, until, now)),
    get: (key) => track(store.get(key)),
    set: (key, value, ttlMs) => track(store.set(key, value, ttlMs)),
    lock: (key, ttlMs) => track(store.lock(key, ttlMs)),
    unlock: (key, token) => track(store.unlock(key, token)),
  };
  return {
    store: shareable(tracked),
    close: async () => {
      await Promise.allSettled([...pending]);
      await store.close();
    },
  };
}

/**
 * The client options that share limits and polls through `redis`; the store closes with the run.
 * `alone`: the command runs against a sandbox of its own (`--sandbox`), whose uploads another
 * process's sandbox merely shares ids with, so its keys are its own too.
 */
export async function redisOptions(
  redis: RedisUrl,
  io: Io,
  alone: boolean,
): Promise<CommonOptions> {
  const { createRedisStore, REDIS_STORE_DEFAULTS } = await import("@filestatus/redis");
  const prefix = `${REDIS_STORE_DEFAULTS.prefix}${alone ? `sandbox:${crypto.randomUUID()}:` : ""}`;
  const { store, close } = settling(createRedisStore({ url: redis.url }, { prefix }));
  const closers = openStores.get(io) ?? [];
  closers.push(close);
  openStores.set(io, closers);
  return { store, logger: storeLogger(redis, io) };
}

/** Closes every store the run of `io` opened; a store that fails to close is not news. */
export async function closeStores(io: Io): Promise<void> {
  const closers = openStores.get(io) ?? [];
  openStores.delete(io);
  await Promise.all(closers.map((close) => close().catch(() => undefined)));
}
