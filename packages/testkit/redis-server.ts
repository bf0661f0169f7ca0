/**
 * A real `redis-server` for the suite, on a free loopback port, without persistence, stopped
 * afterwards. Where the machine has none, the suites are reported skipped with the command that
 * installs it: they never pass without having run.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";

export const INSTALL = "apt-get install -y redis-server";

/** The server binary: `REDIS_SERVER=valkey-server` runs the suites on Valkey. */
export const BINARY: string = process.env.REDIS_SERVER || "redis-server";

export const HAS_REDIS: boolean =
  spawnSync(BINARY, ["--version"], { stdio: "ignore" }).status === 0;

/** The name of a suite that needs Redis: it says why it was skipped, and how to run it. */
export function needsRedis(name: string): string {
  return HAS_REDIS ? name : `${name} — skipped: no ${BINARY} on PATH (install: ${INSTALL})`;
}
if (!HAS_REDIS) console.warn(`${BINARY} not found: the Redis suites are skipped (${INSTALL})`);

export interface RedisServer {
  readonly port: number;
  readonly url: string;
  /** Ends the server at once, as a crash would (SIGKILL). */
  kill(): Promise<void>;
  /** Freezes it (SIGSTOP): connections stay open and nothing answers. */
  freeze(): void;
  thaw(): void;
  /** Starts it again on the same port, empty. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function launch(port: number, extra: readonly string[]): Promise<ChildProcess> {
  const args = ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"];
  args.push(...extra);
  const child = spawn(BINARY, args, { stdio: ["ignore", "pipe", "pipe"] });
  return new Promise((resolve, reject) => {
    let output = "";
    const timer = setTimeout(() => (child.kill("SIGKILL"), reject(new Error(output))), 10_000);
    child.stdout!.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("Ready to accept connections")) {
        clearTimeout(timer);
        child.stdout!.resume();
        resolve(child);
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`redis-server exited with ${code}: ${output}`));
    });
  });
}

function ended(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  const exit = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill(signal);
  return exit;
}

/** A server of its own; `extra`: more of its options (`["--requirepass", "…"]`). */
export async function startRedis(extra: readonly string[] = []): Promise<RedisServer> {
  const port = await freePort();
  let child = await launch(port, extra);
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    kill: () => ended(child, "SIGKILL"),
    freeze: () => void child.kill("SIGSTOP"),
    thaw: () => void child.kill("SIGCONT"),
    async restart() {
      await ended(child, "SIGKILL");
      child = await launch(port, extra);
    },
    async stop() {
      child.kill("SIGCONT");
      await ended(child, "SIGTERM");
    },
  };
}

/** Every key under `prefix` with its time to live in ms (-1: none, -2: gone). */
export async function keysWithTtl(
  send: (args: string[]) => Promise<unknown>,
  prefix: string,
): Promise<Map<string, number>> {
  const found = new Map<string, number>();
  let cursor = "0";
  do {
    const [next, keys] = (await send(["SCAN", cursor, "MATCH", `${prefix}*`, "COUNT", "1000"])) as [
      string,
      string[],
    ];
    cursor = next;
    for (const key of keys) found.set(key, Number(await send(["PTTL", key])));
  } while (cursor !== "0");
  return found;
}
