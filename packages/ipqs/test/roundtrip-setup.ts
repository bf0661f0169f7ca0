/**
 * The round-trip suites' world: one sandbox per test (fast: 100× speed) behind a loopback server,
 * a log of the requests that reached it, and clients pointed at it.
 */
import { createSandbox, FAULT_HEADER, type Sandbox } from "@filestatus/sandbox";
import { serve, type SandboxServer } from "@filestatus/sandbox/node";
import { afterAll, beforeAll, beforeEach } from "vitest";
import { createClient, type Client, type ClientOptions } from "../src/index.ts";

// The key travels as a path segment and comes back inside every status_url.
export const KEY = "ipqs-RoundTrip/Key+9";

/**
 * The sandbox's documented verdict (packages/sandbox/src/lists.ts): an address is valid when it is
 * syntactically valid and its domain is not one of the dead ones.
 */
const DEAD_DOMAINS = ["dead.example", "bounce.example", "invalid.test"];
export const isValidEmail = (email: string): boolean =>
  /^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$/.test(email) &&
  !DEAD_DOMAINS.includes(email.slice(email.indexOf("@") + 1).toLowerCase());

export interface World {
  readonly sandbox: Sandbox;
  readonly origin: string;
  /** `METHOD path` of every request that reached the sandbox in this test. */
  readonly seen: string[];
  client(options?: Partial<ClientOptions>): Client;
}

export function useWorld(): World {
  let sandbox = createSandbox({ speed: 100 });
  let server: SandboxServer;
  const seen: string[] = [];
  beforeAll(async () => {
    server = await serve((request) => {
      seen.push(`${request.method} ${new URL(request.url).pathname}`);
      return sandbox.fetch(request);
    });
  });
  afterAll(() => server.close());
  beforeEach(() => {
    sandbox = createSandbox({ speed: 100 });
    seen.length = 0;
  });
  return {
    get sandbox() {
      return sandbox;
    },
    get origin() {
      return server.url;
    },
    seen,
    client: (options) =>
      createClient({
        apiKey: KEY,
        baseUrl: `${server.url}/api/json/csv/{apiKey}`,
        retry: { retries: 2, minDelayMs: 1, maxDelayMs: 5, maxRetryAfterMs: 2_000 },
        ...options,
      }),
  };
}

/** A `fetch` that asks the sandbox for `fault` on the first request whose path matches `path`. */
export function faultOnce(path: RegExp, fault: string): (request: Request) => Promise<Response> {
  let used = false;
  return (request) => {
    if (!used && path.test(new URL(request.url).pathname)) {
      used = true;
      request.headers.set(FAULT_HEADER, fault);
    }
    return fetch(request);
  };
}

/** The rows of a CSV whose fields hold no quotes or commas. */
export const rowsOf = (text: string): string[][] =>
  text
    .split(/\r?\n/)
    .filter((line) => line !== "")
    .map((line) => line.split(","));
