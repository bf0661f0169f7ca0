/**
 * The store's own contract against a real redis-server: the Lua window under concurrency from two
 * connections, the same answers as core's memory store, expiries on every key, the prefix, and
 * what it refuses.
 */
import { createMemoryStore, type Slot, type Store } from "@filestatus/core";
import { createClient } from "@redis/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRedisStore, RedisStoreError, type RedisStore } from "../src/index.ts";
import {
  HAS_REDIS,
  keysWithTtl,
  needsRedis,
  startRedis,
  type RedisServer,
} from "@filestatus/testkit/redis-server";

let server: RedisServer;
const stores: RedisStore[] = [];
const open = (prefix: string, extra: object = {}): RedisStore => {
  const store = createRedisStore({ url: server.url }, { prefix, ...extra });
  stores.push(store);
  return store;
};
let raw: ReturnType<typeof createClient>;
const slot = (id: string, now: number, requests = 3): Slot => ({
  id,
  now,
  requests,
  holdMs: 1_000,
});

describe.skipIf(!HAS_REDIS)(needsRedis("the Redis store"), () => {
  beforeAll(async () => {
    server = await startRedis();
    raw = createClient({ url: server.url });
    await raw.connect();
  });
  afterAll(async () => {
    await Promise.all(stores.map((s) => s.close()));
    await raw?.close();
    await server?.stop();
  });

  it("never lets two connections both take the last place: 400 takes for 25 places", async () => {
    const a = open("race:");
    const b = open("race:");
    for (let round = 0; round < 5; round++) {
      const now = 1_000_000 + round * 10_000; // a fresh window each round
      const takes = Array.from({ length: 400 }, (_, i) =>
        (i % 2 ? a : b).take("w", slot(`r${round}-${i}`, now, 25)),
      );
      const answers = await Promise.all(takes);
      expect(answers.filter((t) => t.taken)).toHaveLength(25);
      for (const t of answers) if (!t.taken) expect(t.waitMs).toBe(1_000);
    }
  });

  it("closes only after the calls already made have settled: a place given back is kept", async () => {
    const store = createRedisStore({ url: server.url }, { prefix: "drain:" });
    const taken = await store.take("w", slot("held", Date.now(), 1));
    expect(taken.taken).toBe(true);
    // What a request does as it ends, in the background, just before its process closes the store.
    const finishing = store.finish("w", "held", 0, Date.now());
    const writing = store.set("note", "kept", 60_000);
    await store.close();
    await expect(Promise.all([finishing, writing])).resolves.toBeDefined();
    expect(await raw.zCard("drain:{w}")).toBe(0);
    expect(await raw.get("drain:note")).toBe("kept");
    await expect(store.get("note")).rejects.toThrow(RedisStoreError);
  });

  it("takes a reply that arrived while the process was busy past the command timeout", async () => {
    // A client whose reply comes 150 ms after the command, on a process that then stalls for
    // 300 ms (a busy loop, a long GC pause): when the loop runs again, the 100 ms command timer
    // and the reply are both due, and the timer comes first.
    const reply = new Promise((resolve) => setTimeout(() => resolve("v"), 150));
    const replying = { sendCommand: () => reply };
    const store = createRedisStore({ client: replying }, { commandTimeoutMs: 100 });
    const reading = store.get("k");
    const until = Date.now() + 300;
    while (Date.now() < until);
    await expect(reading).resolves.toBe("v");
  });

  it("answers as core's memory store does, call for call", async () => {
    const script = async (store: Store) => {
      const out: unknown[] = [];
      out.push(await store.take("w", slot("a", 0)), await store.take("w", slot("b", 10)));
      out.push(await store.take("w", slot("c", 20)), await store.take("w", slot("d", 30)));
      await store.finish("w", "a", 500, 400); // a finished at 400: its place frees at 500
      out.push(await store.take("w", slot("e", 450)), await store.take("w", slot("f", 500)));
      await store.pause("w", 2_000, 600);
      await store.pause("w", 900, 600); // a shorter pause never shortens the longer one
      out.push(await store.take("w", slot("g", 1_500)), await store.take("w", slot("h", 2_100)));
      await store.finish("w", "b", 100, 2_100); // already free: the place goes at once
      out.push(await store.take("w", slot("i", 2_100)));
      out.push(await store.get("s"), await store.set("s", "v", 60_000), await store.get("s"));
      const token = await store.lock("l", 60_000);
      out.push(typeof token, await store.lock("l", 60_000));
      await store.unlock("l", "not-the-token");
      out.push(await store.lock("l", 60_000));
      await store.unlock("l", token!);
      out.push(typeof (await store.lock("l", 60_000)));
      return out;
    };
    const expected = await script(createMemoryStore());
    const got = await script(open("parity:"));
    expect(got).toEqual(expected);
    expect(expected.slice(0, 9)).toEqual([
      { taken: true },
      { taken: true },
      { taken: true },
      { taken: false, waitMs: 970 }, // a holds its place for holdMs (1 s) until it finishes
      { taken: false, waitMs: 50 },
      { taken: true },
      { taken: false, waitMs: 500 },
      { taken: true },
      { taken: true },
    ]);
  });

  it("gives every key it writes an expiry, under its prefix only", async () => {
    const store = open("ttl:");
    await store.take("w", slot("a", Date.now()));
    await store.pause("w", Date.now() + 5_000, Date.now());
    await store.set("status:x", "{}", 60_000);
    await store.lock("poll:x", 10_000);
    const keys = await keysWithTtl((args) => raw.sendCommand(args), "ttl:");
    expect([...keys.keys()].sort()).toEqual([
      "ttl:poll:x",
      "ttl:status:x",
      "ttl:{w}",
      "ttl:{w}:pause",
    ]);
    for (const [key, pttl] of keys) expect(pttl, key).toBeGreaterThan(0);
    expect(await open("other:").get("status:x")).toBeUndefined();
  });

  it("lets locks and statuses expire", async () => {
    const store = open("expiry:");
    expect(await store.lock("l", 30)).toBeTypeOf("string");
    await store.set("s", "v", 30);
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(await store.get("s")).toBeUndefined();
    expect(await store.lock("l", 30)).toBeTypeOf("string");
  });

  it("uses a client you pass, and leaves it open", async () => {
    const store = createRedisStore({ client: { sendCommand: (args) => raw.sendCommand(args) } });
    await store.set("borrowed", "yes", 1_000);
    await store.close();
    expect(await raw.sendCommand(["GET", "filestatus:borrowed"])).toBe("yes");
  });

  it("refuses bad options and URLs without quoting them", () => {
    const bad: [unknown, object][] = [
      [{ url: "http://user:hunter2@127.0.0.1" }, {}],
      [{ url: "not a url hunter2" }, {}],
      [{ client: {} }, {}],
      [null, {}],
      [{ url: server.url }, { prefix: "a\u001b[31m" }],
      [{ url: server.url }, { prefix: 7 }],
      [{ url: server.url }, { commandTimeoutMs: 0 }],
      [{ url: server.url }, { commandTimeoutMs: NaN }],
      [{ url: server.url }, { connectTimeoutMs: -1 }],
      [{ url: server.url }, { commandTimeoutMs: Infinity }],
    ];
    for (const [connection, options] of bad) {
      const error = (() => {
        try {
          createRedisStore(connection as never, options);
        } catch (e) {
          return e as Error;
        }
      })();
      expect(error, JSON.stringify(options)).toBeInstanceOf(Error);
      expect(error!.message).toMatch(/^@filestatus\/redis: /);
      expect(error!.message).not.toContain("hunter2");
    }
  });

  it("fails fast, and without the URL's password, when nothing listens", async () => {
    const store = open("closed:", { commandTimeoutMs: 300 });
    await store.close();
    const dead = createRedisStore(
      { url: "redis://:hunter2@127.0.0.1:1" },
      { commandTimeoutMs: 300 },
    );
    stores.push(dead);
    const calls = [() => dead.get("x"), () => dead.take("w", slot("a", 0)), () => store.get("x")];
    for (const call of calls) {
      const error = await call().then(
        () => undefined,
        (e: unknown) => e as Error,
      );
      expect(error).toBeInstanceOf(RedisStoreError);
      expect(error!.message).not.toContain("hunter2");
    }
  });

  it("gives up on a command a frozen server never answers, within its timeout", async () => {
    const store = open("frozen:", { commandTimeoutMs: 200 });
    await store.get("warm");
    server.freeze();
    try {
      await expect(store.take("w", slot("a", 0))).rejects.toThrow(/did not answer within 200 ms/);
    } finally {
      server.thaw();
    }
    expect(await store.get("warm")).toBeUndefined(); // answering again
  });
});
