/**
 * What the round-trip tests share: small real files, and a sandbox served on loopback that logs
 * each request and can add a fault to chosen ones (as a proxy would), closed after each test.
 */
import { createSandbox, FAULT_HEADER, type Sandbox } from "@filestatus/sandbox";
import { serve, type SandboxServer } from "@filestatus/sandbox/node";
import { afterEach } from "vitest";
import { createClient, type Client, type ClientOptions } from "../src/index.ts";

/** A real 3×2 PNG: its header gives the width and height the Library reports. */
export const PNG: Uint8Array<ArrayBuffer> = Uint8Array.from(
  atob(
    "iVBORw0KGgoAAAANSUhEUgAAAAMAAAACCAIAAAASFvFNAAAAEElEQVR4nGP4z8AAQQxwFgBB0gX7h/C5SAAAAABJRU5ErkJggg==",
  ),
  (c) => c.charCodeAt(0),
);
/** The smallest PDF a reader opens. */
export const PDF: Uint8Array<ArrayBuffer> = new TextEncoder().encode(
  "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n",
);

/** Width and height from a PNG's IHDR chunk (bytes 16–23, big-endian). */
export function pngSize(bytes: Uint8Array): { width: number; height: number } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

export const KEY = "cc-Round/Key+1=2";
export const TOKEN = "cc-Round/Token+3";

export interface Seen {
  method: string;
  path: string;
}

export interface Running {
  sandbox: Sandbox;
  url: string;
  /** Every request that reached the sandbox, in order. */
  seen: Seen[];
  /** The POSTs among them: upload attempts. */
  posts(): number;
  client(options?: Partial<ClientOptions>): Client;
}

const servers: SandboxServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

/**
 * A sandbox at `speed` 50 (an upload is Active 40 ms after it is sent) behind a server that adds
 * `faultFor(request, seen)`'s fault, when it names one, to that request.
 */
export async function running(faultFor: FaultFor = () => undefined): Promise<Running> {
  const sandbox = createSandbox({ speed: 50 });
  const seen: Seen[] = [];
  const server = await serve((request) => {
    seen.push({ method: request.method, path: new URL(request.url).pathname });
    const fault = faultFor(request, seen);
    if (fault === undefined) return sandbox.fetch(request);
    const headers = new Headers(request.headers);
    headers.set(FAULT_HEADER, fault);
    return sandbox.fetch(new Request(request, { headers }));
  });
  servers.push(server);
  return {
    sandbox,
    url: server.url,
    seen,
    posts: () => seen.filter((s) => s.method === "POST").length,
    client: (options = {}) =>
      createClient({
        apiKey: KEY,
        accessToken: TOKEN,
        baseUrl: server.url,
        retry: { retries: 2, minDelayMs: 5, maxDelayMs: 20 },
        ...options,
      }),
  };
}

/** Which fault, if any, a request gets. */
export type FaultFor = (request: Request, seen: Seen[]) => string | undefined;

/** The first POST of a run, and no other request. */
export const firstPost =
  (fault: string): FaultFor =>
  (request, seen) =>
    request.method === "POST" && seen.filter((s) => s.method === "POST").length === 1
      ? fault
      : undefined;

/** Every request for one library file (`GET /v2/library/files/{id}`). */
export const fileReads =
  (fault: string): FaultFor =>
  (request) =>
    request.method === "GET" && /^\/v2\/library\/files\/\d+$/.test(new URL(request.url).pathname)
      ? fault
      : undefined;
