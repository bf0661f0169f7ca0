import { virtualClock } from "@filestatus/testkit";
import { describe, expect, it } from "vitest";
import {
  createApiClient,
  createMemoryStore,
  shareable,
  STORE_CALL_LIMIT_MS,
  STORE_RETRY_MS,
  storeScope,
  type Store,
} from "../src/index.ts";
import { guardStore } from "../src/sharing.ts";
import { busiestWindow } from "@filestatus/testkit";
import { countedClient, flakyStore, lines, SECRET } from "./store-support.ts";

const LIMIT = { requests: 4, perMs: 1_000 };
const call = (client: { request(method: "get", url: never): Promise<unknown> }) =>
  client.request("get", "/status" as never);

describe("a rate limit shared through a store", () => {
  it("keeps two clients of one key within the limit together (and without it they exceed it)", async () => {
    for (const shared of [true, false]) {
      const clock = virtualClock();
      const store = createMemoryStore(clock);
      const sent: number[] = [];
      const clients = [0, 1].map(() => countedClient(clock, shared ? { store } : {}, sent));
      for (const client of clients) await call(client); // the key's hash, before virtual time
      const calls = clients.flatMap((client) => Array.from({ length: 60 }, () => call(client)));
      await clock.run(Promise.all(calls));
      expect(sent).toHaveLength(122);
      expect(busiestWindow(sent, LIMIT.perMs)).toBe(shared ? 4 : 8);
      // and sharing costs no speed: 122 calls at 4 a second end in the 31st window
      if (shared) expect(Math.max(...sent)).toBeLessThan(31 * LIMIT.perMs);
    }
  }, 20_000);

  it("keeps clients of different keys apart", async () => {
    const clock = virtualClock();
    const store = createMemoryStore(clock);
    const sent: number[] = [];
    const a = countedClient(clock, { store }, sent, "key-a");
    const b = countedClient(clock, { store }, sent, "key-b");
    await Promise.all([a, b].flatMap((c) => [1, 2, 3, 4].map(() => call(c))));
    expect(sent).toEqual(Array(8).fill(0)); // each key has its own 4, at once
  });

  it("names its keys after the provider and a hash, never the credential", async () => {
    const clock = virtualClock();
    const store = flakyStore(clock);
    const client = countedClient(clock, { store }, []);
    await Promise.all([1, 2, 3].map(() => call(client)));
    const scope = await storeScope("demo", [SECRET]);
    expect(scope).toMatch(/^demo:[0-9a-f]{32}$/);
    expect(new Set(store.keys)).toEqual(new Set([`${scope}:rate`]));
    expect(store.keys.join()).not.toContain(SECRET);
    expect(store.keys.join()).not.toContain(SECRET.slice(0, 8));
    expect(await storeScope("demo", ["other"])).not.toBe(scope);
    expect(await storeScope("other", [SECRET])).not.toBe(scope);
  });

  it("passes the pause a server's rate-limit headers ask for to the other processes", async () => {
    const clock = virtualClock();
    const store = createMemoryStore(clock);
    const sent: number[] = [];
    const spent = createApiClient<{}>(
      {
        provider: "demo",
        defaultBaseUrl: "https://api.test",
        credentials: [{ in: "header", name: "X-Key", value: SECRET }],
        rateLimit: LIMIT,
      },
      {
        clock,
        store,
        fetch: async () => {
          const headers = {
            "X-RateLimit-Remaining": "0",
            "X-RateLimit-Interval-Milliseconds": "5000",
          };
          return Response.json({}, { headers });
        },
      },
    );
    const other = countedClient(clock, { store }, sent); // another process, same key
    await call(other); // before the pause (and the key's hash, on real time, before virtual time)
    await call(spent);
    await clock.run(call(other));
    expect(sent).toHaveLength(2);
    expect(sent[1]! - sent[0]!).toBeGreaterThanOrEqual(5_000);
  });

  it("refuses a store that is not one, naming what it lacks", () => {
    const plain = { ...createMemoryStore() }; // a Store, but not made shareable
    for (const store of [null, 42, "redis://x", {}, plain]) {
      expect(() => countedClient(virtualClock(), { store: store as Store }, [])).toThrow(
        /^@filestatus\/demo: store must come from createRedisStore, createMemoryStore or shareable\(\)$/,
      );
    }
    for (const store of [null, 42, {}, { ...plain, unlock: 1 }]) {
      expect(() => shareable(store as Store)).toThrow(
        /^@filestatus\/core: store must implement Store/,
      );
    }
    expect(() => shareable({ ...plain, lock: undefined } as never)).toThrow(/it lacks lock/);
    expect(shareable(plain)).toBe(plain);
    expect(() => countedClient(virtualClock(), { store: plain }, [])).not.toThrow();
  });
});

describe("a store that fails", () => {
  it("keeps the client to its share of the window, says so once, redacted, and is used again when back", async () => {
    const clock = virtualClock();
    const store = flakyStore(clock);
    const { seen, logger } = lines();
    const sent: number[] = [];
    const client = countedClient(clock, { store, logger }, sent);
    await Promise.all([1, 2, 3].map(() => call(client))); // its share: 3 of the window's 4
    expect(store.calls.take).toBe(3);

    store.down = true;
    const start = clock.now();
    await clock.run(Promise.all(Array.from({ length: 12 }, () => call(client))));
    expect(sent).toHaveLength(15);
    // 3 a window, counting what the store granted before it failed: not the whole limit (4),
    // which other processes sharing the window are using too
    expect(busiestWindow(sent, LIMIT.perMs)).toBe(3);
    const warnings = seen.filter((l) => l.level === "warn");
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.line).toMatch(
      /^\[filestatus:demo\] store unavailable \(connect ECONNREFUSED/,
    );
    expect(warnings[0]!.line).toContain("using in-process limits");
    expect(JSON.stringify(seen)).not.toContain(SECRET);
    // the store was tried again about once a second, not on every call
    expect(store.calls.take).toBeLessThanOrEqual(
      4 + Math.ceil((clock.now() - start) / STORE_RETRY_MS),
    );

    store.down = false;
    await clock.run(clock.sleep(STORE_RETRY_MS));
    const takes = store.calls.take!;
    await clock.run(Promise.all([1, 2].map(() => call(client))));
    expect(store.calls.take).toBe(takes + 2);
    expect(seen.filter((l) => l.level === "info").map((l) => l.line)).toEqual([
      "[filestatus:demo] store answering again: limits shared again",
    ]);
    expect(seen.filter((l) => l.level === "warn")).toHaveLength(1);
  });

  it("keeps terminal escapes and control characters out of the line it logs", async () => {
    const clock = virtualClock();
    const inner = createMemoryStore(clock);
    const store: Store = shareable({
      ...inner,
      take: async () => {
        throw new Error("boom\u001b]0;pwned\u0007\r\nFAKE LINE\u009b31m");
      },
    });
    const { seen, logger } = lines();
    await call(countedClient(clock, { store, logger }, []));
    const [warning] = seen.filter((l) => l.level === "warn");
    expect(warning!.line).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
    expect(warning!.line).toContain("boom");
  });

  it("lets a waiting caller abort without holding up the others", async () => {
    const clock = virtualClock();
    const store = createMemoryStore(clock);
    const sent: number[] = [];
    const client = countedClient(clock, { store, rateLimit: { requests: 1, perMs: 1_000 } }, sent);
    const controller = new AbortController();
    const first = await call(client);
    const aborted = client.request(
      "get",
      "/status" as never,
      { signal: controller.signal } as never,
    );
    const third = call(client);
    controller.abort(new Error("stop"));
    await expect(aborted).rejects.toThrow("stop");
    await clock.run(third);
    expect(sent).toEqual([0, 1_000]);
  });
});

describe("a store that never answers", () => {
  it("counts as failed once the guard's limit passes, and one that throws as failed at once", async () => {
    const hanging: Store = {
      ...createMemoryStore(),
      take: () => new Promise(() => undefined),
      get: () => {
        throw new Error("thrown, not rejected");
      },
    };
    const guarded = guardStore(hanging, 50);
    const slot = { id: "a", now: 0, requests: 1, holdMs: 1 };
    await expect(guarded.take("w", slot)).rejects.toThrow("the store did not answer within 50 ms");
    await expect(guarded.get("k")).rejects.toThrow("thrown, not rejected");
    expect(await guarded.set("k", "v", 1_000)).toBeUndefined();
    expect(STORE_CALL_LIMIT_MS).toBeGreaterThan(500); // longer than the Redis store's own timeout
  });
});
