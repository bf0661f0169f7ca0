/**
 * The Node adapter (with node-http.ts, the only modules that import node: built-ins): serves a
 * sandbox, or any web-standard handler, over node:http, and runs the `filestatus-sandbox` command.
 * Deno and Bun need none of this: `Deno.serve({ port }, sandbox.fetch)`, `Bun.serve({ port, fetch })`.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { parseArgs } from "node:util";
import { isConnectionReset } from "./faults.ts";
import { send, toRequest } from "./node-http.ts";
import { createSandbox } from "./sandbox.ts";
import { DEMO_UPLOAD_IDS } from "./seeds.ts";
import type { FetchHandler, Sandbox } from "./types.ts";

export interface ServeOptions {
  /** Default 0: a free port, which `url` then names. */
  port?: number;
  /** Default `127.0.0.1`. */
  host?: string;
}

export interface SandboxServer {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** Stops listening and drops open connections. */
  close(): Promise<void>;
}

/** Serves `target` on `host:port` until `close()`. The `reset` fault destroys the socket. */
export async function serve(
  target: Sandbox | FetchHandler,
  options: ServeOptions = {},
): Promise<SandboxServer> {
  const handler: FetchHandler = typeof target === "function" ? target : target.fetch;
  const host = options.host ?? "127.0.0.1";
  const server = createServer(async (message, reply) => {
    const aborted = new AbortController();
    reply.on("close", () => {
      if (!reply.writableFinished)
        aborted.abort(new DOMException("client went away", "AbortError"));
    });
    let drain = () => undefined as void;
    try {
      const address = server.address() as AddressInfo;
      const fallback = `${address.family === "IPv6" ? `[${address.address}]` : address.address}:${address.port}`;
      const incoming = toRequest(message, fallback, aborted.signal);
      drain = incoming.drain;
      await send(reply, await handler(incoming.request), incoming.request.method);
    } catch (error) {
      if (isConnectionReset(error) || aborted.signal.aborted) return void reply.socket?.destroy();
      const text = error instanceof Error ? error.message : String(error);
      if (!reply.headersSent) reply.writeHead(500, { "content-type": "application/json" });
      reply.end(JSON.stringify({ message: `sandbox: ${text}` }));
    } finally {
      // What the handler left unread is read and dropped, so the connection stays usable (the
      // ZeroBounce sandbox answers a form without a key before reading its file, say).
      if (!message.complete) drain();
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host.includes(":") ? `[${host}]` : host}:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

const USAGE = `Usage: filestatus-sandbox --port <port> [--speed <factor>]

Simulates the upload-status APIs of ZeroBounce, IPQualityScore, SanitizeEmail, HighLevel and
Constant Contact v2 on http://127.0.0.1:<port>. Stop it with Ctrl-C.

  --port <port>     port to listen on (0 picks a free one)
  --speed <factor>  how many times faster than real time uploads progress (default 1)
  --help            print this help`;

interface Io {
  out(line: string): void;
  err(line: string): void;
}

/** The port and speed to serve with, or the exit code when there is nothing to serve. */
function parseCli(args: string[], io: Io): { port: number; speed: number } | { exit: number } {
  const fail = (why: string) => (io.err(`filestatus-sandbox: ${why} (see --help)`), { exit: 2 });
  let values: { port?: string; speed?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args,
      options: { port: { type: "string" }, speed: { type: "string" }, help: { type: "boolean" } },
    }));
  } catch (error) {
    // parseArgs explains at length; its first sentence names the problem.
    return fail(String((error as Error).message).split(/\.\s/)[0]!);
  }
  if (values.help) return (io.out(USAGE), { exit: 0 });
  if (values.port === undefined) return fail("--port is required");
  const port = /^\d{1,5}$/.test(values.port) ? Number(values.port) : -1;
  if (port < 0 || port > 65_535) return fail(`--port must be 0 to 65535, got '${values.port}'`);
  const speed = Number(values.speed ?? "1");
  if (values.speed?.trim() === "" || !Number.isFinite(speed) || speed <= 0)
    return fail(`--speed must be a positive number, got '${values.speed}'`);
  return { port, speed };
}

/** `filestatus-sandbox --port N [--speed X]`: serves until SIGINT or SIGTERM. */
export async function runCli(args: string[]): Promise<void> {
  const parsed = parseCli(args, { out: console.log, err: console.error });
  if ("exit" in parsed) {
    process.exitCode = parsed.exit;
    return;
  }
  let server: SandboxServer;
  try {
    server = await serve(createSandbox({ speed: parsed.speed }), { port: parsed.port });
  } catch (error) {
    console.error(
      `filestatus-sandbox: cannot listen on port ${parsed.port}: ${(error as Error).message}`,
    );
    process.exitCode = 1;
    return;
  }
  console.log(`filestatus sandbox listening on ${server.url}`);
  const demo = Object.entries(DEMO_UPLOAD_IDS).map(([provider, id]) => `${provider} ${id}`);
  console.log(`demo uploads (complete ${8 / parsed.speed} s after start): ${demo.join(", ")}`);
  const stop = () => void server.close().then(() => process.exit(0));
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}
