/**
 * What the `--redis` suites run the command against: a ZeroBounce upload on a loopback sandbox
 * (reached with `--base-url`) that counts the status requests it receives, and Redis URLs that go
 * nowhere: a closed port, and a server that accepts connections and never answers.
 */
import { createServer, type Server, type Socket } from "node:net";
import { createSandbox } from "@filestatus/sandbox";
import { serve } from "@filestatus/sandbox/node";

/** The watched upload: processing from the sandbox's start, complete after `processingMs`. */
export const UPLOAD_ID = "5b7e0c3a-9d41-4f2e-8c6a-00000000c115";

export interface HeldUpload {
  /** `--base-url` */
  origin: string;
  /** Starts the sandbox's clock (it stands still until then, unless created running). */
  release(): void;
  /** Status requests received since `release()`. */
  statusRequests(): number;
  close(): Promise<void>;
}

/**
 * The upload on a sandbox whose clock stands still until `release()` (or runs from the start:
 * `running`). Watchers started at different moments on a loaded machine all find it processing,
 * and only the requests made while every one of them watches it move are counted.
 */
export async function heldUpload(processingMs: number, running = false): Promise<HeldUpload> {
  const base = Date.now();
  let releasedAt: number | undefined = running ? base : undefined;
  let counted = 0;
  const sandbox = createSandbox({
    now: () => base + (releasedAt === undefined ? 0 : Date.now() - releasedAt),
    uploads: [
      {
        provider: "zerobounce",
        id: UPLOAD_ID,
        name: "shared.csv",
        createdAt: -1,
        queuedMs: 0,
        processingMs,
        outcome: "complete",
        progress: "linear",
      },
    ],
  });
  const server = await serve(async (request) => {
    if (releasedAt !== undefined && new URL(request.url).pathname === "/v2/filestatus") counted++;
    return sandbox.fetch(request);
  });
  return {
    origin: server.url,
    release: () => void (releasedAt ??= Date.now()),
    statusRequests: () => counted,
    close: () => server.close(),
  };
}

async function listening(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return (server.address() as { port: number }).port;
}

/** A loopback port nothing listens on (it did a moment ago). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  const port = await listening(server);
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export interface SilentServer {
  port: number;
  close(): Promise<void>;
}

/** Accepts connections, reads what is sent, answers nothing. */
export async function silentServer(): Promise<SilentServer> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket.on("data", () => undefined).on("close", () => sockets.delete(socket)));
  });
  const port = await listening(server);
  return {
    port,
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
