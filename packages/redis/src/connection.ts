/**
 * The connection the store talks through: commands as arrays of strings, each answered within the
 * command timeout or failed with a {@link RedisStoreError} whose message quotes no URL or password.
 * A client the store creates itself fails fast while Redis is down (no offline queue) and reconnects
 * on its own, so the store is used again as soon as Redis is back.
 */
import { createClient } from "@redis/client";

/**
 * What the store needs of a Redis client: node-redis clients (`redis`, `@redis/client`) have it;
 * for ioredis pass `{ sendCommand: (args) => redis.call(args[0], ...args.slice(1)) }`.
 */
export interface RedisCommands {
  sendCommand(args: string[]): Promise<unknown>;
}

export interface Connection {
  send(args: string[]): Promise<unknown>;
  close(): Promise<void>;
}

/** Why a store call failed: Redis did not answer in time, is unreachable, or refused the command. */
export class RedisStoreError extends Error {
  override name = "RedisStoreError";
}

/** Waits between reconnection attempts: 50 ms doubling to 2 s. */
export const reconnectDelay = (attempt: number): number => Math.min(50 * 2 ** attempt, 2_000);

/** `text` without the URL the store was given, or its password, wherever a message quotes them. */
function scrubber(url: string | undefined): (text: string) => string {
  if (url === undefined) return (text) => text;
  const parsed = URL.canParse(url) ? new URL(url) : undefined;
  const secrets = [url, parsed?.password, parsed?.password && decodeURIComponent(parsed.password)]
    .filter((s): s is string => typeof s === "string" && s.length > 0)
    .sort((a, b) => b.length - a.length);
  return (text) => secrets.reduce((t, s) => t.split(s).join("***"), text);
}

/**
 * `work`, or a {@link RedisStoreError} once `ms` pass first; a later answer is dropped. A timer that
 * fires is given one more turn of the event loop before it fails the call: after a stall (a busy
 * process, a long GC pause) timers run before the socket's pending reads, and a reply that has
 * arrived would otherwise count as a timeout, sending the clients to their own limits for nothing.
 */
function within<T>(work: Promise<T>, ms: number, scrub: (text: string) => string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const fail = () => reject(new RedisStoreError(`redis did not answer within ${ms} ms`));
    let timer = setTimeout(() => (timer = setTimeout(fail, 0)), ms);
    work.then(
      (value) => (clearTimeout(timer), resolve(value)),
      (error: unknown) => {
        clearTimeout(timer);
        const message = error instanceof Error ? error.message : String(error);
        reject(new RedisStoreError(`redis: ${scrub(message)}`));
      },
    );
  });
}

export interface ConnectOptions {
  commandTimeoutMs: number;
  connectTimeoutMs: number;
}

/** Commands through `client`, which stays the caller's: `close` leaves it open. */
export function borrowed(client: RedisCommands, o: ConnectOptions): Connection {
  const scrub = scrubber(undefined);
  return {
    send: (args) =>
      within(
        Promise.resolve().then(() => client.sendCommand(args)),
        o.commandTimeoutMs,
        scrub,
      ),
    close: async () => undefined,
  };
}

/** A node-redis client of its own on `url`, connecting in the background. */
export function owned(url: string, o: ConnectOptions): Connection {
  const scrub = scrubber(url);
  const client = createClient({
    url,
    disableOfflineQueue: true,
    socket: { connectTimeout: o.connectTimeoutMs, reconnectStrategy: reconnectDelay },
  });
  // Failures reach the caller through the commands, which name the last connection error (their
  // own only says "offline"); without a listener the event would throw.
  let lastError = "";
  client.on("error", (error: Error) => (lastError = error.message));
  const offline = (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(lastError && /offline/i.test(message) ? `${message}: ${lastError}` : message);
  };
  // Commands sent before the first connection attempt settles wait for it (up to the command
  // timeout): a process starting up must not fall back to its own limit just because it is early.
  let first: (() => void) | undefined;
  const started = new Promise<void>((resolve) => (first = resolve));
  client.once("ready", () => first?.());
  client.once("error", () => first?.());
  let closed = false;
  // node-redis's destroy() misses a socket still connecting: it connects afterwards, turns ready
  // and holds the process open. Once the store is closed, a socket that connects is ended at once.
  client.on("connect", () => closed && client.destroy());
  client.connect().catch(() => undefined); // closed before it connected
  return {
    send: (args) =>
      within(
        started.then(() => {
          if (closed) throw new RedisStoreError("the store is closed");
          return client.sendCommand(args).catch(offline);
        }),
        o.commandTimeoutMs,
        scrub,
      ),
    async close() {
      if (closed) return;
      closed = true;
      first?.();
      if (client.isReady) {
        await within(client.close(), o.commandTimeoutMs, scrub).catch(() => client.destroy());
      } else if (client.isOpen) client.destroy();
    },
  };
}
