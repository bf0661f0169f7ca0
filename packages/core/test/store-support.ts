/**
 * Stores and clients for the store suites: a memory store whose calls are recorded and which can be
 * made to fail like an unreachable Redis, and clients of one key on one virtual clock.
 */
import type { VirtualClock } from "@filestatus/testkit";
import {
  createApiClient,
  createMemoryStore,
  shareable,
  type ApiClient,
  type Logger,
  type RateLimit,
  type Store,
} from "../src/index.ts";

export const SECRET = "sk-live-7f3a9c2e5b";

export interface FlakyStore extends Store {
  /** Every key any call named, in order. */
  readonly keys: string[];
  /** Calls made, by method. */
  readonly calls: Record<string, number>;
  /** While true, every call rejects as a Redis client does when the server is gone. */
  down: boolean;
}

/** A memory store on `clock` that records its calls and fails on demand. */
export function flakyStore(
  clock: { now(): number },
  inner: Store = createMemoryStore(clock),
): FlakyStore {
  const keys: string[] = [];
  const calls: Record<string, number> = {};
  const store = { keys, calls, down: false } as FlakyStore;
  for (const name of ["take", "finish", "pause", "get", "set", "lock", "unlock"] as const) {
    (store as unknown as Record<string, unknown>)[name] = async (
      key: string,
      ...rest: unknown[]
    ) => {
      keys.push(key);
      calls[name] = (calls[name] ?? 0) + 1;
      if (store.down) throw new Error(`connect ECONNREFUSED 127.0.0.1:6379 (${SECRET})`);
      return (inner[name] as (...args: unknown[]) => unknown)(key, ...rest);
    };
  }
  return shareable(store);
}

/**
 * A client of the demo API whose requests are counted at `sent` (times on `clock`). With a store,
 * make one call before `clock.run`: it waits for the SHA-256 of the key, which runs on real time.
 */
export function countedClient(
  clock: VirtualClock,
  options: { store?: Store; rateLimit?: RateLimit; logger?: { debug(line: string): void } },
  sent: number[],
  secret: string = SECRET,
): ApiClient<{}> {
  return createApiClient<{}>(
    {
      provider: "demo",
      defaultBaseUrl: "https://api.test",
      credentials: [{ in: "header", name: "X-Key", value: secret }],
      rateLimit: options.rateLimit ?? { requests: 4, perMs: 1_000 },
    },
    {
      clock,
      ...(options.store !== undefined && { store: options.store }),
      ...(options.logger && { logger: options.logger }),
      fetch: async () => (sent.push(clock.now()), Response.json({})),
    },
  );
}

/** A logger that keeps its lines by level. */
export interface Lines {
  seen: { level: string; line: string }[];
  logger: Logger;
}

export function lines(): Lines {
  const seen: { level: string; line: string }[] = [];
  const at = (level: string) => (line: string) => void seen.push({ level, line });
  return { seen, logger: { debug: at("debug"), info: at("info"), warn: at("warn") } };
}
