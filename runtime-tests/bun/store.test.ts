/**
 * The Redis store flow on Bun: redis-server started with `Bun.spawn` on a free loopback port, the
 * sandbox behind `Bun.serve`. Reported skipped, saying how to install it, without redis-server.
 */
import { test } from "bun:test";
import { storeFlow, storeSandbox } from "../shared/store.ts";

const HAS_REDIS = Bun.which("redis-server") !== null;
const NAME = "redis: three clients share one limit and one poll per tick through redis-server";

/** A free loopback port: listen on port 0, note the port, let it go. */
function freePort(): number {
  const listener = Bun.listen({ hostname: "127.0.0.1", port: 0, socket: { data() {} } });
  const { port } = listener;
  listener.stop(true);
  return port;
}

/** Resolves once redis-server says it is ready. */
async function ready(stdout: ReadableStream<Uint8Array>): Promise<void> {
  const decoder = new TextDecoder();
  let seen = "";
  for await (const chunk of stdout) {
    seen += decoder.decode(chunk, { stream: true });
    if (seen.includes("Ready to accept connections")) return;
  }
  throw new Error(`redis-server ended: ${seen}`);
}

test.skipIf(!HAS_REDIS)(
  HAS_REDIS ? NAME : `${NAME} — skipped: no redis-server (apt-get install -y redis-server)`,
  async () => {
    const port = freePort();
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
    const redis = Bun.spawn(["redis-server", ...args], { stdout: "pipe", stderr: "inherit" });
    try {
      await ready(redis.stdout);
      const sandbox = storeSandbox();
      const server = Bun.serve({ hostname: "127.0.0.1", port: 0, fetch: sandbox.fetch });
      try {
        await storeFlow(`redis://127.0.0.1:${port}`, `http://127.0.0.1:${server.port}`, sandbox);
      } finally {
        await server.stop(true);
      }
    } finally {
      redis.kill("SIGTERM");
      await redis.exited;
    }
  },
  30_000,
);
