/**
 * The Redis store flow on Deno: redis-server started with `Deno.Command` on a free loopback port
 * (`--allow-run=redis-server`), the sandbox behind `Deno.serve`. Reported ignored, saying how to
 * install it, where there is no redis-server.
 */
import { storeFlow, storeSandbox } from "../shared/store.ts";

async function hasRedis(): Promise<boolean> {
  try {
    const { success } = await new Deno.Command("redis-server", {
      args: ["--version"],
      stdout: "null",
      stderr: "null",
    }).output();
    return success;
  } catch {
    return false; // not on PATH
  }
}

const HAS_REDIS = await hasRedis();
const NAME = "redis: three clients share one limit and one poll per tick through redis-server";

/** A free loopback port: listen on port 0, note the port, let it go. */
function freePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = listener.addr as Deno.NetAddr;
  listener.close();
  return port;
}

/** Resolves once redis-server says it is ready; its output is read to the end meanwhile. */
async function ready(stdout: ReadableStream<Uint8Array>): Promise<void> {
  const decoder = new TextDecoder();
  let seen = "";
  const reader = stdout.getReader();
  while (!seen.includes("Ready to accept connections")) {
    const { value, done } = await reader.read();
    if (done) throw new Error(`redis-server ended: ${seen}`);
    seen += decoder.decode(value, { stream: true });
  }
  reader.releaseLock();
  void stdout.pipeTo(new WritableStream()).catch(() => undefined);
}

Deno.test({
  name: HAS_REDIS ? NAME : `${NAME} — skipped: no redis-server (apt-get install -y redis-server)`,
  ignore: !HAS_REDIS,
  sanitizeOps: true,
  sanitizeResources: true,
  sanitizeExit: true,
  async fn() {
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
    const redis = new Deno.Command("redis-server", {
      args,
      stdout: "piped",
      stderr: "inherit",
    }).spawn();
    try {
      await ready(redis.stdout);
      const sandbox = storeSandbox();
      const server = Deno.serve(
        { hostname: "127.0.0.1", port: 0, onListen: () => {} },
        sandbox.fetch,
      );
      try {
        await storeFlow(
          `redis://127.0.0.1:${port}`,
          `http://127.0.0.1:${server.addr.port}`,
          sandbox,
        );
      } finally {
        await server.shutdown();
      }
    } finally {
      redis.kill("SIGTERM");
      await redis.status;
    }
  },
});
