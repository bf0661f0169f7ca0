/**
 * The SanitizeEmail round trip against the sandbox on loopback: a fast sandbox, a client whose
 * `fetch` records every attempt and can add a fault to the requests a test picks, and the expected
 * results computed from the input with the sandbox's documented rule.
 */
import { createSandbox, FAULT_HEADER, type Sandbox } from "@filestatus/sandbox";
import { serve, type SandboxServer } from "@filestatus/sandbox/node";
import { afterEach } from "vitest";
import { createClient, type Client, type ClientOptions } from "../src/index.ts";

export const KEY = "se-Round/Trip+Key-42";

/**
 * The sandbox's rule (packages/sandbox/src/lists.ts): valid when syntactically valid and not on a
 * dead domain. The inputs below are plainly one or the other.
 */
const DEAD: readonly string[] = ["dead.example", "bounce.example", "invalid.test"];
export const isValid = (email: string): boolean =>
  /^[\w.+-]+@[\w-]+(\.[\w-]+)*\.[a-z]{2,}$/i.test(email) &&
  !DEAD.includes(email.slice(email.lastIndexOf("@") + 1).toLowerCase());

export const EMAILS: readonly string[] = [
  "ann@example.com",
  "bob@dead.example",
  "not-an-email",
  "Ann@Example.com",
  "cy@example.org",
  "info@bounce.example",
];
export const CSV: string = `Name,Email\n${EMAILS.map((e, i) => `n${i},${e}`).join("\n")}\n`;

/** Both jobs report each address once, compared lower-case, the first one kept. */
export const DISTINCT: readonly string[] = EMAILS.filter(
  (e, i) => EMAILS.findIndex((o) => o.toLowerCase() === e.toLowerCase()) === i,
);

export interface Attempt {
  method: string;
  path: string;
  body?: string;
}

export interface Kit {
  sandbox: Sandbox;
  origin: string;
  /** Every request the client sent, attempt by attempt, in order. */
  attempts: Attempt[];
  /** A client on the sandbox; `fault(request)` names the fault to add to a request, if any. */
  client(options?: Partial<ClientOptions> & { fault?: (a: Attempt) => string | undefined }): Client;
}

const servers: SandboxServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

/** `speed` 200: 500 sandbox ms queued and 100 a row take a few milliseconds of real time. */
export async function kit(speed = 200): Promise<Kit> {
  const sandbox = createSandbox({ speed });
  const server = await serve(sandbox);
  servers.push(server);
  const attempts: Attempt[] = [];
  return {
    sandbox,
    origin: server.url,
    attempts,
    client: ({ fault, ...options } = {}) =>
      createClient({
        apiKey: KEY,
        baseUrl: server.url,
        retry: { retries: 2, minDelayMs: 1, maxDelayMs: 5, maxRetryAfterMs: 2_000 },
        fetch: async (request: Request) => {
          const url = new URL(request.url);
          const body =
            request.method === "POST" &&
            !/multipart/.test(request.headers.get("content-type") ?? "")
              ? await request.clone().text()
              : undefined;
          const attempt = { method: request.method, path: url.pathname, ...(body && { body }) };
          attempts.push(attempt);
          const value = fault?.(attempt);
          if (value === undefined) return fetch(request);
          const headers = new Headers(request.headers);
          headers.set(FAULT_HEADER, value);
          return fetch(new Request(request, { headers, duplex: "half" } as RequestInit));
        },
        ...options,
      }),
  };
}

/** The uploads sent: one per attempt at `POST /v1/api/filesupload/`. */
export const uploadsSent = (k: Kit): number =>
  k.attempts.filter((a) => a.method === "POST" && a.path === "/v1/api/filesupload/").length;

/** The rows of a CSV text (no quoted fields in these tests). */
export const rows = (text: string): string[][] =>
  text
    .split(/\r?\n/)
    .filter((line) => line !== "")
    .map((line) => line.split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/));
