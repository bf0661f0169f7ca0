/**
 * The Redis store flow on Node: redis-server started by the workspace's test helper on a free
 * loopback port, the sandbox behind node:http. Skipped, saying how to install it, without
 * redis-server.
 */
import { serve } from "@filestatus/sandbox/node";
import { HAS_REDIS, needsRedis, startRedis } from "@filestatus/testkit/redis-server";
import { test } from "vitest";
import { storeFlow, storeSandbox } from "../shared/store.ts";

const NAME = "redis: three clients share one limit and one poll per tick through redis-server";

test.skipIf(!HAS_REDIS)(
  needsRedis(NAME),
  async () => {
    const redis = await startRedis();
    try {
      const sandbox = storeSandbox();
      const server = await serve(sandbox.fetch);
      try {
        await storeFlow(redis.url, server.url, sandbox);
      } finally {
        await server.close();
      }
    } finally {
      await redis.stop();
    }
  },
  30_000,
);
