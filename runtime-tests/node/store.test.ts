/**
 * The Redis store flow on Node: redis-server started here (child_process) on a free loopback
 * port, the sandbox behind node:http. Skipped, saying how to install it, without redis-server.
 */
import { spawn, spawnSync } from "node:child_process";
import { createServer } from "node:net";
import { serve } from "@filestatus/sandbox/node";
import { test } from "vitest";
import { storeFlow, storeSandbox } from "../shared/store.ts";

const HAS_REDIS = spawnSync("redis-server", ["--version"], { stdio: "ignore" }).status === 0;
const NAME = "redis: three clients share one limit and one poll per tick through redis-server";

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

test.skipIf(!HAS_REDIS)(
  HAS_REDIS ? NAME : `${NAME} — skipped: no redis-server (apt-get install -y redis-server)`,
  async () => {
    const port = await freePort();
    const args = [
      "--port",
      String(port),
      "--bind",
      "127.0.0.1",
      "--save",
      "",
      "--appendonly",
      "no",
    ];
    const redis = spawn("redis-server", args, { stdio: ["ignore", "pipe", "inherit"] });
    const exited = new Promise((resolve) => redis.once("exit", resolve));
    try {
      await new Promise<void>((resolve, reject) => {
        let seen = "";
        redis.stdout.on("data", (chunk: Buffer) => {
          seen += chunk.toString();
          if (seen.includes("Ready to accept connections")) resolve();
        });
        redis.once("exit", () => reject(new Error(`redis-server exited: ${seen}`)));
      });
      const sandbox = storeSandbox();
      const server = await serve(sandbox.fetch);
      try {
        await storeFlow(`redis://127.0.0.1:${port}`, server.url, sandbox);
      } finally {
        await server.close();
      }
    } finally {
      redis.kill("SIGTERM");
      await exited;
    }
  },
  30_000,
);
