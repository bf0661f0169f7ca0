/**
 * `createRedisStore`: the {@link Store} of `@filestatus/core` on Redis (or Valkey, or a managed
 * Redis: the same protocol). Every key starts with the prefix and expires: windows when their
 * last place frees, pauses when they end, statuses and poll locks after the TTL the client gives.
 */
import { shareable, type Slot, type Store, type Taken } from "@filestatus/core";
import {
  borrowed,
  owned,
  RedisStoreError,
  type Connection,
  type RedisCommands,
} from "./connection.ts";
import { draining } from "./draining.ts";
import { FINISH, PAUSE, scriptRunner, TAKE, UNLOCK } from "./scripts.ts";

/** Where the store finds Redis: a URL (the store connects and closes), or a client of yours. */
export type RedisConnection = { url: string } | { client: RedisCommands };

export interface RedisStoreOptions {
  /** Put before every key, so several applications can share one database. */
  prefix?: string;
  /** The longest wait for one command; past it the clients work on their own limits. */
  commandTimeoutMs?: number;
  /** The longest wait for a connection (a URL only). */
  connectTimeoutMs?: number;
}

export const REDIS_STORE_DEFAULTS: Readonly<Required<RedisStoreOptions>> = {
  prefix: "filestatus:",
  commandTimeoutMs: 500,
  connectTimeoutMs: 2_000,
} satisfies Required<RedisStoreOptions>;

export interface RedisStore extends Store {
  /** The prefix of every key this store writes. */
  readonly prefix: string;
  /** Waits for the calls in flight, then closes the connection the store opened (not a client you passed). */
  close(): Promise<void>;
}

const OWNER = "@filestatus/redis";
const CONTROL = /[\u0000-\u001f\u007f]/;

function checkOptions(options: unknown): Required<RedisStoreOptions> {
  if (typeof options !== "object" || options === null) {
    throw new TypeError(`${OWNER}: options must be an object`);
  }
  const o = { ...REDIS_STORE_DEFAULTS, ...(options as RedisStoreOptions) };
  if (typeof o.prefix !== "string" || CONTROL.test(o.prefix) || o.prefix.length > 200) {
    throw new TypeError(`${OWNER}: prefix must be a string without control characters`);
  }
  for (const name of ["commandTimeoutMs", "connectTimeoutMs"] as const) {
    const value = o[name];
    if (typeof value !== "number" || !(value > 0) || value > 2 ** 31 - 1) {
      throw new RangeError(`${OWNER}: ${name} must be a number of ms above 0`);
    }
  }
  return o;
}

/** The connection to use; the URL is never quoted back (it may carry a password). */
function connect(connection: unknown, o: Required<RedisStoreOptions>): Connection {
  const given = connection as Partial<{ url: unknown; client: { sendCommand?: unknown } }> | null;
  if (typeof given?.client?.sendCommand === "function") {
    return borrowed(given.client as RedisCommands, o);
  }
  const url = given?.url;
  if (typeof url === "string" && URL.canParse(url) && /^rediss?:$/.test(new URL(url).protocol)) {
    return owned(url, o);
  }
  throw new TypeError(
    `${OWNER}: createRedisStore takes { url: "redis://…" } (or rediss://) or { client } with sendCommand(args)`,
  );
}

const ms = (value: number): string => String(Math.round(value));
const ttl = (value: number): string => String(Math.max(1, Math.ceil(value)));

/** A Redis integer reply, or a {@link RedisStoreError} for anything else. */
function integer(reply: unknown): number {
  const n = typeof reply === "number" ? reply : typeof reply === "string" ? Number(reply) : NaN;
  if (!Number.isFinite(n)) throw new RedisStoreError("redis: unexpected reply");
  return n;
}

export function createRedisStore(
  connection: RedisConnection,
  options: RedisStoreOptions = {},
): RedisStore {
  const o = checkOptions(options);
  const link = connect(connection, o);
  const run = scriptRunner(link);
  const { prefix } = o;
  // A window's keys share a hash tag, so a Redis Cluster keeps them on the node that runs the script.
  const windowKeys = (window: string) => [`${prefix}{${window}}`, `${prefix}{${window}}:pause`];

  const calls = draining({
    async take(window: string, slot: Slot): Promise<Taken> {
      const args = [ms(slot.now), String(slot.requests), ms(slot.holdMs), slot.id];
      const waitMs = integer(await run(TAKE, windowKeys(window), args));
      return waitMs <= 0 ? { taken: true } : { taken: false, waitMs };
    },
    async finish(window, id, freeAt, now) {
      await run(FINISH, windowKeys(window).slice(0, 1), [id, ms(freeAt), ms(now)]);
    },
    async pause(window, until, now) {
      await run(PAUSE, windowKeys(window).slice(1), [ms(until), ms(now)]);
    },
    async get(key) {
      const reply = await link.send(["GET", prefix + key]);
      return typeof reply === "string" ? reply : undefined;
    },
    async set(key, value, ttlMs) {
      await link.send(["SET", prefix + key, value, "PX", ttl(ttlMs)]);
    },
    async lock(key, ttlMs) {
      const token = crypto.randomUUID();
      const reply = await link.send(["SET", prefix + key, token, "NX", "PX", ttl(ttlMs)]);
      return reply === "OK" ? token : undefined;
    },
    async unlock(key, token) {
      await run(UNLOCK, [prefix + key], [token]);
    },
  });
  return shareable({
    prefix,
    ...calls.store,
    async close() {
      await calls.settled(); // a request's place given back as it ended is not lost
      await link.close();
    },
  });
}
