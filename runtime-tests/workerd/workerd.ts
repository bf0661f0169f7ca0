/**
 * workerd, the open-source runtime of Cloudflare Workers, from the `workerd` npm package (its
 * binary ships in the platform package it depends on). One process serves the bundled Worker on
 * three loopback sockets: `http`, where the test asks it to run a step, and `home` and `away`,
 * the two servers of the redirect check.
 */
import { spawn } from "node:child_process";
import { writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { createInterface } from "node:readline";
import type { Readable } from "node:stream";
import { createRequire } from "node:module";

// The package is CommonJS whose `default` is the binary's path; ESM interop would wrap it
// differently under Node and under vitest, so it is required.
const binary = (createRequire(import.meta.url)("workerd") as { default: string }).default;

// A date this binary supports, and no `nodejs_compat` flag: the Worker gets the web platform only.
const COMPATIBILITY_DATE = "2025-09-01";
const SOCKETS = ["http", "home", "away"] as const;

// By default a Worker's fetch() reaches public addresses only (workerd's `Network` defaults to
// allow = ["public"], against SSRF): loopback is refused. This outbound service lets it reach
// 127.0.0.1 and nothing else, where the test's sandbox listens.
const config = (worker: string): string => `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [
    ( name = "main",
      worker = (
        modules = [(name = "worker.js", esModule = embed "${worker}")],
        compatibilityDate = "${COMPATIBILITY_DATE}",
        globalOutbound = "loopback",
      ),
    ),
    (name = "loopback", network = (allow = ["127.0.0.1/32"])),
  ],
  sockets = [${SOCKETS.map((name) => `(name = "${name}", address = "127.0.0.1:0", http = (), service = "main")`).join(", ")}],
);
`;

export interface Workerd {
  /** Where each socket listens, e.g. `{ http: "http://127.0.0.1:41643", … }`. */
  origins: Record<(typeof SOCKETS)[number], string>;
  /** What workerd printed (the Worker's uncaught errors and console output go there). */
  output(): string;
  close(): Promise<void>;
}

/** Starts workerd on `bundle` and resolves once every socket listens (read from its control fd). */
export async function startWorkerd(bundle: string): Promise<Workerd> {
  const file = join(dirname(bundle), "config.capnp");
  await writeFile(file, config(basename(bundle))); // embed paths are relative to the config
  const child = spawn(binary, ["serve", file, "--control-fd=3"], {
    stdio: ["ignore", "pipe", "pipe", "pipe"],
  });
  let printed = "";
  for (const stream of [child.stdout, child.stderr]) stream?.on("data", (d) => (printed += d));
  const exited = new Promise<void>((resolve) => {
    child.once("exit", () => resolve());
    child.once("error", () => resolve()); // not started at all: no "exit" follows
  });
  const origins: Partial<Workerd["origins"]> = {};
  const ready = new Promise<void>((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`workerd exited ${code}:\n${printed}`)));
    // One JSON line per socket: {"event":"listen","socket":"http","port":41643}
    createInterface({ input: child.stdio[3] as Readable }).on("line", (line) => {
      const event = JSON.parse(line) as {
        event: string;
        socket: keyof Workerd["origins"];
        port: number;
      };
      if (event.event === "listen") origins[event.socket] = `http://127.0.0.1:${event.port}`;
      if (SOCKETS.every((name) => origins[name] !== undefined)) resolve();
    });
  });
  // Should the test process end without closing it, workerd would keep its ports: stop it too.
  const stop = (): void => void child.kill("SIGTERM");
  process.once("exit", stop);
  const close = async (): Promise<void> => {
    process.removeListener("exit", stop);
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    await exited;
  };
  await ready.catch(async (error: unknown) => {
    await close();
    throw error;
  });
  return { origins: origins as Workerd["origins"], output: () => printed, close };
}
