/**
 * A sandbox on 127.0.0.1 per test, a client on it that records every request it sends and can add
 * an `X-Sandbox-Fault` to chosen ones, and the expectations a user derives from a CSV.
 */
import { createSandbox, FAULT_HEADER, type Sandbox } from "@filestatus/sandbox";
import { serve, type SandboxServer } from "@filestatus/sandbox/node";
import { afterEach } from "vitest";
import { createClient, type Client, type ClientOptions } from "../src/index.ts";

export const TOKEN = "hl-RoundTrip/Secret+789=";
export const LOCATION = "sbxLocationTrip00001";
export const HEADER = "postAtSpecificTime (yyyy-MM-dd HH:mm:ss),content,imageUrls";

/** A CSV of posts in HighLevel's basic format, one row per `[date, text]`. */
export const csvOf = (rows: readonly (readonly [string, string])[]): string =>
  [HEADER, ...rows.map(([date, text]) => `${date},"${text.replace(/"/g, '""')}",`)].join("\r\n") +
  "\r\n";

export interface Sent {
  method: string;
  /** The path after `/social-media-posting/{locationId}`, e.g. `/csv` or `/csv/{id}`. */
  path: string;
  query: string;
}

export interface Trip {
  sandbox: Sandbox;
  client: Client;
  sent: Sent[];
  /** How many requests went out with this method to paths matching `path`. */
  count(method: string, path: RegExp): number;
}

/** Decides the fault of one request (or none). */
export type Faults = (method: string, path: string) => string | undefined;

/** `fault` on the first `times` requests that match, none on the others. */
export function first(method: string, path: RegExp, fault: string, times = 1): Faults {
  let left = times;
  return (m, p) => (m === method && path.test(p) && left-- > 0 ? fault : undefined);
}

const servers: SandboxServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

/** Retries come quickly: a test sleeps milliseconds, not the production backoff. */
const FAST_RETRY = { retries: 2, minDelayMs: 1, maxDelayMs: 5, maxRetryAfterMs: 5_000 };

/** Changes an answer before the client sees it, e.g. to the shape of another spec version. */
export type Rewrite = (method: string, path: string, response: Response) => Promise<Response>;

export async function trip(
  faults?: Faults,
  options: Partial<ClientOptions> = {},
  rewrite?: Rewrite,
): Promise<Trip> {
  const sandbox = createSandbox({ speed: 200 });
  const server = await serve(sandbox);
  servers.push(server);
  const sent: Sent[] = [];
  const fetch = async (request: Request) => {
    const url = new URL(request.url);
    const path = url.pathname.replace(`/social-media-posting/${LOCATION}`, "");
    sent.push({ method: request.method, path, query: url.search });
    const fault = faults?.(request.method, path);
    if (fault) request.headers.set(FAULT_HEADER, fault);
    const response = await globalThis.fetch(request);
    return rewrite ? rewrite(request.method, path, response) : response;
  };
  const client = createClient({
    accessToken: TOKEN,
    baseUrl: server.url,
    locationId: LOCATION,
    fetch,
    retry: FAST_RETRY,
    ...options,
  });
  const count = (method: string, path: RegExp) =>
    sent.filter((s) => s.method === method && path.test(s.path)).length;
  return { sandbox, client, sent, count };
}

export const UPLOAD: RegExp = /^\/csv$/;
export const SET_ACCOUNTS: RegExp = /^\/set-accounts$/;
export const ONE_IMPORT: RegExp = /^\/csv\/[^/]+$/;
