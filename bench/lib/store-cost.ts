/**
 * What a store adds to each request: one ZeroBounce client per contender on an in-process `fetch`
 * that answers at once, with a limit no run comes near (so nobody waits for a place and only the
 * limiter's own work is timed), calling one status request at a time. Contenders take turns in
 * rounds of rotating order, so a disturbance on a shared machine falls on all of them.
 */
import { createMemoryStore, STORE_RETRY_MS, type Store } from "@filestatus/core";
import { createRedisStore } from "@filestatus/redis";
import { createClient } from "@filestatus/zerobounce";
import { preparedFetch } from "./contenders.ts";
import { BODIES, IDS, KEY } from "./fixtures.ts";
import { roundOrder, summarize, type Summary } from "./stats.ts";

export const COST_ROUNDS = 6;
export const COST_CALLS = 1_000; // per contender and round
const WARMUP_CALLS = 300;
/** A round disturbed by a store failure is timed again, up to this many times in all. */
const ROUND_TRIES = 3;
/**
 * No call ever waits for a place, and the window holds what 100 ms of calls leave in it — a few
 * hundred places, as ZeroBounce's 250 a minute would (a window of millions would time the memory
 * store's sweep of its places rather than a request's cost).
 */
const GENEROUS = { requests: 1_000_000, perMs: 100 };

export interface CostRow {
  name: string;
  summary: Summary;
}

export interface CostRun {
  rows: CostRow[];
  /**
   * What the Redis client logged when its store stopped answering. Calls of the next second go
   * without it, so a round that saw one is timed again (the table holds only rounds without).
   */
  fallbacks: string[];
  /** Rounds timed again for that, and rounds still disturbed after every try (then the figures are not the store's cost). */
  retried: number;
  lost: number;
}

type Call = () => Promise<unknown>;

function caller(store: Store | undefined, onFallback: (line: string) => void): Call {
  const client = createClient({
    apiKey: KEY,
    baseUrl: "http://bench.test",
    fetch: preparedFetch(BODIES.zerobounce),
    rateLimit: GENEROUS,
    // The same logger on every contender: it only counts the store's outages.
    logger: {
      debug: () => undefined,
      warn: (line) => void (line.includes("unavailable") && onFallback(line)),
    },
    ...(store && { store }),
  });
  const params = { query: { file_id: IDS.zerobounce } };
  return async () => {
    const { data, error } = await client.GET("/v2/filestatus", { params });
    if (error !== undefined || data === undefined) throw new Error("no data"); // a broken call cannot look fast
  };
}

async function timed(call: Call, times: number, into: number[]): Promise<void> {
  for (let i = 0; i < times; i++) {
    const t = performance.now();
    await call();
    into.push(performance.now() - t);
  }
}

/** Resolves once `store` answers: it connects in the background and fails calls until then. */
async function connected(store: Store): Promise<void> {
  for (let tries = 0; ; tries++) {
    try {
      await store.get("probe");
      return;
    } catch (error) {
      if (tries >= 100) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

/** Per-call latencies: the in-process limiter alone, core's memory store, and the Redis store. */
export async function runCost(redisUrl: string): Promise<CostRun> {
  const redis = createRedisStore({ url: redisUrl }, { prefix: "bench-cost:" });
  const fallbacks: string[] = [];
  const fellBack = (line: string) => void fallbacks.push(line);
  try {
    await connected(redis);
    const contenders: [string, Call][] = [
      ["in-process limiter (no store)", caller(undefined, fellBack)],
      ["memory store (core, same process)", caller(createMemoryStore(), fellBack)],
      ["Redis store (loopback)", caller(redis, fellBack)],
    ];
    for (const [, call] of contenders) await timed(call, WARMUP_CALLS, []);
    const samples = new Map(contenders.map(([name]) => [name, [] as number[]]));
    let retried = 0;
    let lost = 0;
    for (let round = 0; round < COST_ROUNDS; round++) {
      for (let attempt = 1; ; attempt++) {
        const before = fallbacks.length;
        const taken = new Map(contenders.map(([name]) => [name, [] as number[]]));
        for (const [name, call] of roundOrder(contenders, round))
          await timed(call, COST_CALLS, taken.get(name)!);
        const clean = fallbacks.length === before;
        if (clean || attempt === ROUND_TRIES) {
          for (const [name, times] of taken) samples.get(name)!.push(...times);
          if (!clean) lost++;
          break;
        }
        retried++;
        // The client asks its store again a second after a failure (STORE_RETRY_MS).
        await new Promise((resolve) => setTimeout(resolve, STORE_RETRY_MS + 100));
      }
    }
    const rows = contenders.map(([name]) => ({ name, summary: summarize(samples.get(name)!) }));
    // Copied now: closing the store may log more, and that is no part of the timing.
    return { rows, fallbacks: [...fallbacks], retried, lost };
  } finally {
    await redis.close();
  }
}
