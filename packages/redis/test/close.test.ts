/**
 * `close()` ends the store's connection whenever it is called: a process that closes its store
 * exits on its own, even when it closes it before the connection was made.
 */
import { execFile } from "node:child_process";
import {
  HAS_REDIS,
  needsRedis,
  startRedis,
  type RedisServer,
} from "@filestatus/testkit/redis-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const CHILD = new URL("./child/close-at-once.mjs", import.meta.url).pathname;
const PACKAGE = new URL("..", import.meta.url).pathname;

let server: RedisServer;
beforeAll(async () => {
  if (HAS_REDIS) server = await startRedis();
});
afterAll(() => server?.stop());

/** How the child ended: its exit code, or the signal that ended it (a hung child is killed). */
function exitOf(url: string): Promise<number | string> {
  return new Promise((resolve) => {
    const env = { ...process.env, REDIS_URL: url };
    execFile(process.execPath, [CHILD], { cwd: PACKAGE, env, timeout: 10_000 }, (error) =>
      resolve(error ? ((error.signal as string | null) ?? Number(error.code)) : 0),
    );
  });
}

describe.skipIf(!HAS_REDIS)(needsRedis("closing a store"), () => {
  it("closed before it connected, the store lets its process exit", async () => {
    // The built package, as an application imports it (turbo builds it before the tests).
    expect(await exitOf(server.url)).toBe(0);
  }, 20_000);
});
