/**
 * Redis going away mid-run, as a crash (SIGKILL, then a restart on the same port, empty) and as a
 * hang (SIGSTOP: connections open, nothing answers): a Constant Contact client keeps answering
 * within its share of the limit, logs the outage once and the return once, and shares its limit again afterwards.
 */
import { createClient } from "@filestatus/constantcontact";
import { DEMO_UPLOAD_IDS, createSandbox } from "@filestatus/sandbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createClient as redisClient } from "@redis/client";
import { createRedisStore } from "../src/index.ts";
import {
  HAS_REDIS,
  keysWithTtl,
  needsRedis,
  startRedis,
  type RedisServer,
} from "@filestatus/testkit/redis-server";

const API_KEY = "cc-key-5e1d0b7a";
const TOKEN = "cc-token-93f2a4c8";

let server: RedisServer;
beforeAll(async () => {
  if (HAS_REDIS) server = await startRedis();
});
afterAll(() => server?.stop());

function setup(prefix: string) {
  const store = createRedisStore({ url: server.url }, { prefix, commandTimeoutMs: 200 });
  const logged: { level: string; line: string }[] = [];
  const at = (level: string) => (line: string) => void logged.push({ level, line });
  const client = createClient({
    apiKey: API_KEY,
    accessToken: TOKEN,
    baseUrl: "http://sandbox.test",
    fetch: createSandbox().fetch,
    store,
    logger: { debug: () => undefined, info: at("info"), warn: at("warn") },
  });
  const look = () => client.uploadStatus(DEMO_UPLOAD_IDS.constantcontact);
  const windowKeys = async () => {
    const keys = await keysWithTtl(raw, prefix);
    return [...keys.keys()].filter((key) => key.endsWith("}"));
  };
  return { store, client, logged, look, windowKeys };
}

/** A raw command through a fresh connection (the store's own is the one under test). */
async function raw(args: string[]): Promise<unknown> {
  const c = redisClient({ url: server.url });
  await c.connect();
  try {
    return await c.sendCommand(args);
  } finally {
    await c.close();
  }
}

/** Looks until `done()` holds, a bounded number of times; how many it took. */
async function lookUntil(look: () => Promise<unknown>, done: () => boolean, most: number) {
  for (let n = 1; n <= most; n++) {
    expect((await look()) as object).toHaveProperty("state");
    if (done()) return n;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`still not done after ${most} looks`);
}

describe.skipIf(!HAS_REDIS)(needsRedis("a Redis server that goes away mid-run"), () => {
  it("killed and restarted: the client keeps answering, logs once, and uses Redis again", async () => {
    const { store, logged, look, windowKeys } = setup("kill:");
    try {
      // Four looks in a second: the store granted this client the whole of Constant Contact's
      // 4 a second, which is the share it keeps to while Redis is gone.
      await Promise.all([look(), look(), look(), look()]);
      expect(await windowKeys()).toHaveLength(1); // shared through Redis

      await server.kill();
      for (let i = 0; i < 6; i++) expect(await look()).toHaveProperty("state");
      expect(logged.map((l) => l.level)).toEqual(["warn"]);
      expect(logged[0]!.line).toMatch(/^\[filestatus:constantcontact\] store unavailable \(/);

      await server.restart(); // empty: no window until the client writes one again
      await lookUntil(look, () => logged.length === 2, 60);
      expect(logged.map((l) => l.level)).toEqual(["warn", "info"]);
      await look();
      expect(await windowKeys()).toHaveLength(1);
      const text = JSON.stringify(logged);
      for (const secret of [API_KEY, TOKEN]) expect(text).not.toContain(secret);
    } finally {
      await store.close();
    }
  }, 30_000);

  it("frozen and thawed: commands time out, the client goes on alone, then shares again", async () => {
    const { store, logged, look } = setup("freeze:");
    try {
      await look();
      server.freeze();
      try {
        for (let i = 0; i < 3; i++) expect(await look()).toHaveProperty("state");
        expect(logged.map((l) => l.level)).toEqual(["warn"]);
        expect(logged[0]!.line).toContain("did not answer within 200 ms");
      } finally {
        server.thaw();
      }
      await lookUntil(look, () => logged.length === 2, 60);
      expect(logged.map((l) => l.level)).toEqual(["warn", "info"]);
    } finally {
      await store.close();
    }
  }, 30_000);
});
