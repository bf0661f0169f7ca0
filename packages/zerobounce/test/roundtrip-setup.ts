/**
 * The round-trip tests' sandbox: a fresh one per test, fast enough that a wait takes
 * milliseconds, served over loopback; clients record what they send.
 */
import { createSandbox, FAULT_HEADER, type Sandbox } from "@filestatus/sandbox";
import { serve, type SandboxServer } from "@filestatus/sandbox/node";
import { afterAll, beforeAll, beforeEach } from "vitest";
import { createClient, type Client, type ClientOptions } from "../src/index.ts";

export const KEY = "zb-RoundTrip/Key+42";

/** Domains the sandbox documents as dead (packages/sandbox/src/lists.ts `DEAD_DOMAINS`). */
const DEAD_DOMAINS = ["dead.example", "bounce.example", "invalid.test"];

/**
 * The documented rule: an address is valid when it is syntactically an address and its domain is
 * not dead. The test lists use addresses that are plainly one or the other.
 */
export function expectedStatus(email: string): "valid" | "invalid" {
  const match = /^[^@\s,]+@([a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,})$/i.exec(email.trim());
  return match && !DEAD_DOMAINS.includes(match[1]!.toLowerCase()) ? "valid" : "invalid";
}

export const LIST: string = [
  "name,email,ip",
  "Ada,ada@example.com,192.0.2.1",
  "Bob,bob@dead.example,192.0.2.2",
  "Cy,not-an-email,192.0.2.3",
  "Di,di@example.org,192.0.2.4",
].join("\r\n");

/** Splits a small CSV without quotes into rows (the test lists have none). */
export const rows = (text: string): string[][] =>
  text
    .split(/\r?\n/)
    .filter((line) => line !== "")
    .map((line) => line.split(","));

export interface Sent {
  method: string;
  url: URL;
  /** The body as text (multipart included), read from a clone. */
  body: string;
}

export interface Setup {
  sandbox(): Sandbox;
  /** Starts this test over on a sandbox running `speed` times faster than real time. */
  restart(speed: number): void;
  /** Every request the clients made (after their credentials were applied). */
  sent: Sent[];
  /** A client on the sandbox; `fault` sends `X-Sandbox-Fault` on the first `times` requests to a path. */
  client(
    options?: Partial<ClientOptions>,
    fault?: { path: string; value: string; times?: number },
  ): Client;
}

export function useRoundTripSandbox(speed = 500): Setup {
  let sandbox = createSandbox({ speed });
  let server: SandboxServer;
  const sent: Sent[] = [];
  beforeAll(async () => {
    server = await serve((request) => sandbox.fetch(request));
  });
  afterAll(() => server.close());
  beforeEach(() => {
    sandbox = createSandbox({ speed });
    sent.length = 0;
  });
  return {
    sandbox: () => sandbox,
    restart: (faster) => void (sandbox = createSandbox({ speed: faster })),
    sent,
    client(options = {}, fault) {
      let left = fault?.times ?? 1;
      return createClient({
        apiKey: KEY,
        baseUrl: server.url,
        fetch: async (request) => {
          const url = new URL(request.url);
          const body = request.body ? await request.clone().text() : "";
          sent.push({ method: request.method, url, body });
          if (fault && url.pathname === fault.path && left-- > 0)
            request.headers.set(FAULT_HEADER, fault.value);
          return fetch(request);
        },
        ...options,
      });
    },
  };
}

/** The multipart fields of a recorded upload (its file part left out). */
export async function formFields(sent: Sent): Promise<Record<string, string>> {
  const boundary = /^--([^\r\n]+)/.exec(sent.body)![1]!;
  const form = await new Request("http://x/", {
    method: "POST",
    headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
    body: sent.body,
  }).formData();
  const fields: Record<string, string> = {};
  form.forEach((value, name) => {
    if (typeof value === "string") fields[name] = value;
  });
  return fields;
}
