/**
 * Every provider suite runs twice: against `sandbox.fetch` directly and over real HTTP on
 * 127.0.0.1 through the Node adapter. Time is a manual clock the test moves.
 */
import { afterEach } from "vitest";
import { createSandbox, type Sandbox, type SandboxOptions } from "../src/index.ts";
import { serve, type SandboxServer } from "../src/node.ts";

export type Transport = "in-process" | "http";
export const TRANSPORTS: Transport[] = ["in-process", "http"];

/** 2025-01-01T00:00:00Z: the sandbox starts here unless a test says otherwise. */
export const START: number = Date.UTC(2025, 0, 1);

export interface ManualClock {
  now(): number;
  /** Moves time forward by `ms`. */
  advance(ms: number): void;
  /** Puts time at `ms` after the start. */
  at(ms: number): void;
}

export function manualClock(start: number = START): ManualClock {
  let now = start;
  return {
    now: () => now,
    advance: (ms) => void (now += ms),
    at: (ms) => void (now = start + ms),
  };
}

export interface Harness {
  sandbox: Sandbox;
  clock: ManualClock;
  /** `http://sandbox.test` in-process, `http://127.0.0.1:<port>` over HTTP. */
  origin: string;
  /** Sends `path` (with query) or an absolute URL on `origin`. */
  send(pathOrUrl: string, init?: RequestInit): Promise<Response>;
  /** `send`, then the JSON body with the status and headers. */
  get<T = any>(pathOrUrl: string, init?: RequestInit): Promise<Answer<T>>;
}

export interface Answer<T> {
  status: number;
  headers: Headers;
  body: T;
}

const servers: SandboxServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

export async function harness(
  transport: Transport,
  options: Omit<SandboxOptions, "now"> = {},
): Promise<Harness> {
  const clock = manualClock();
  const sandbox = createSandbox({ ...options, now: clock.now });
  let origin = "http://sandbox.test";
  let send = (url: string, init?: RequestInit) => sandbox.fetch(new Request(url, init));
  if (transport === "http") {
    const server = await serve(sandbox);
    servers.push(server);
    origin = server.url;
    send = (url, init) => fetch(url, init);
  }
  const absolute = (pathOrUrl: string) =>
    pathOrUrl.startsWith("http") ? pathOrUrl : origin + pathOrUrl;
  const h: Harness = {
    sandbox,
    clock,
    origin,
    send: (pathOrUrl, init) => send(absolute(pathOrUrl), init),
    get: async (pathOrUrl, init) => {
      const response = await h.send(pathOrUrl, init);
      return { status: response.status, headers: response.headers, body: await response.json() };
    },
  };
  return h;
}

/** The id of the provider's `demo` upload, found by name as a user would. */
export function demoId(sandbox: Sandbox, provider: Parameters<Sandbox["uploads"]>[0]): string {
  const demo = sandbox.uploads(provider).find((u) => u.name.includes("demo"));
  if (!demo) throw new Error(`no demo upload for ${provider}`);
  return demo.id;
}
