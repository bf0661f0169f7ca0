/**
 * The Redis store of `--redis`: opened for the clients a command creates, closed when the command
 * ends however it ends, so that the process exits at once instead of holding a connection (or
 * reconnecting) forever. `@filestatus/redis` is imported only when a URL is given: a command
 * without one never pays for loading a Redis client.
 */
import type { CommonOptions, Logger } from "@filestatus/core";
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
  // Its close waits for the calls in flight: a request's place given back as it ended is kept.
  const store = createRedisStore({ url: redis.url }, { prefix });
  const closers = openStores.get(io) ?? [];
  closers.push(() => store.close());
  openStores.set(io, closers);
  return { store, logger: storeLogger(redis, io) };
}

/** Closes every store the run of `io` opened; a store that fails to close is not news. */
export async function closeStores(io: Io): Promise<void> {
  const closers = openStores.get(io) ?? [];
  openStores.delete(io);
  await Promise.all(closers.map((close) => close().catch(() => undefined)));
}
