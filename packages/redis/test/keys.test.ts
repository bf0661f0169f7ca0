/**
 * What a real client leaves in Redis: every key scanned after calls and a wait, none naming a
 * credential (as written or percent-encoded), each with an expiry.
 */
import { createClient } from "@filestatus/constantcontact";
import { storeScope } from "@filestatus/core";
import { createSandbox } from "@filestatus/sandbox";
import { createClient as redisClient } from "@redis/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRedisStore } from "../src/index.ts";
import {
  HAS_REDIS,
  keysWithTtl,
  needsRedis,
  startRedis,
  type RedisServer,
} from "@filestatus/testkit/redis-server";

const API_KEY = "cc-key/with?odd=chars&7f";
const TOKEN = "cc-token-d41d8cd98f00";

let server: RedisServer;
beforeAll(async () => {
  if (HAS_REDIS) server = await startRedis();
});
afterAll(() => server?.stop());

describe.skipIf(!HAS_REDIS)(needsRedis("the keys a client leaves in Redis"), () => {
  it("names none after a credential, and gives every one an expiry", async () => {
    const store = createRedisStore({ url: server.url }, { prefix: "app1:" });
    const client = createClient({
      apiKey: API_KEY,
      accessToken: TOKEN,
      baseUrl: "http://sandbox.test",
      fetch: createSandbox().fetch,
      store,
    });
    const raw = redisClient({ url: server.url });
    await raw.connect();
    try {
      await Promise.all([1, 2, 3].map(() => client.uploadStatus("8")));
      expect((await client.waitForUpload("9")).state).toBe("complete"); // `customers`: complete
      const keys = await keysWithTtl((args) => raw.sendCommand(args), "app1:");
      const scope = await storeScope("constantcontact", [API_KEY, TOKEN]);
      expect([...keys.keys()].sort()).toEqual([
        `app1:${scope}:status:status:9`,
        `app1:{${scope}:rate}`,
      ]);
      for (const [key, ttl] of keys) {
        expect(ttl, key).toBeGreaterThan(0);
        for (const secret of [API_KEY, TOKEN, encodeURIComponent(API_KEY), "cc-key", "cc-token"])
          expect(key).not.toContain(secret);
      }
      const stored = JSON.parse(
        (await raw.sendCommand(["GET", `app1:${scope}:status:status:9`])) as string,
      );
      expect(stored.status).toMatchObject({
        provider: "constantcontact",
        id: "9",
        state: "complete",
      });
      expect(JSON.stringify(stored)).not.toContain(TOKEN);
    } finally {
      await store.close();
      await raw.close();
    }
  });
});
