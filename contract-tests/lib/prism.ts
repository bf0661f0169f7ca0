/**
 * Prism, an OpenAPI implementation independent of ours, as a contract oracle: one mock server per
 * spec that validates every request against the spec (`--errors` turns a violation into an error
 * response) and answers with the spec's own examples.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createServer, request as forward } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";

const PRISM = fileURLToPath(new URL("../node_modules/.bin/prism", import.meta.url));
const READY = /Prism is listening on (http:\/\/127\.0\.0\.1:\d+)/;

export interface PrismServer {
  /** `http://127.0.0.1:<port>`. Prism serves the spec's paths at the root, whatever the server URL. */
  origin: string;
  /** The tail of Prism's log: why it refused a request, or the stack trace if it crashed. */
  log(): string;
  stop(): Promise<void>;
}

/** Every Prism still running, so a worker that exits without `afterAll` leaves none behind. */
const running = new Set<ChildProcess>();
process.once("exit", () => running.forEach((child) => killGroup(child)));

function killGroup(child: ChildProcess, signal: NodeJS.Signals = "SIGTERM"): void {
  // Detached, Prism leads its own process group: the shim's shell and node go together.
  try {
    if (child.pid) process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

async function stopChild(child: ChildProcess): Promise<void> {
  running.delete(child);
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  killGroup(child);
  const timer = setTimeout(() => killGroup(child, "SIGKILL"), 3_000);
  await exited;
  clearTimeout(timer);
}

/** Starts `prism mock --errors` on a port Prism picks, resolving once it says it listens. */
export function startPrism(spec: string, timeoutMs = 30_000): Promise<PrismServer> {
  const args = ["mock", "--errors", "-h", "127.0.0.1", "-p", "0", spec];
  const child = spawn(PRISM, args, { detached: true, stdio: ["ignore", "pipe", "pipe"] });
  running.add(child);
  let output = "";
  const log = () => output;
  const stop = () => stopChild(child);
  return new Promise((resolve, reject) => {
    let settled = false;
    const fail = (why: string) => {
      if (settled) return; // an exit after start-up is `stop()` doing its job
      settled = true;
      clearTimeout(timer);
      void stop().then(() => reject(new Error(`prism ${spec}: ${why}\n${output}`)));
    };
    const timer = setTimeout(() => fail(`not listening after ${timeoutMs} ms`), timeoutMs);
    const onData = (chunk: Buffer) => {
      // Keep draining after start-up (a full pipe would stall Prism); keep only the tail.
      output = (output + chunk.toString()).slice(-20_000);
      const ready = READY.exec(output);
      if (ready && !settled) {
        settled = true;
        clearTimeout(timer);
        resolve({ origin: ready[1]!, log, stop });
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.once("error", (e) => fail(e.message));
    child.once("exit", (code, signal) => fail(`exited (${signal ?? code}) before listening`));
  });
}

/** Starts one Prism per spec at once; if any fails to start, stops the others before throwing. */
export async function startPrisms<K extends string>(
  specs: Record<K, string>,
): Promise<Record<K, PrismServer>> {
  const keys = Object.keys(specs) as K[];
  const settled = await Promise.allSettled(keys.map((k) => startPrism(specs[k])));
  const failed = settled.find((s) => s.status === "rejected");
  if (failed) {
    await Promise.all(settled.map((s) => (s.status === "fulfilled" ? s.value.stop() : undefined)));
    throw failed.reason;
  }
  const servers = settled.map((s) => (s as PromiseFulfilledResult<PrismServer>).value);
  return Object.fromEntries(keys.map((k, i) => [k, servers[i]])) as Record<K, PrismServer>;
}

/** One request as the proxy saw it: the path the client sent and the one Prism got. */
export interface Forwarded {
  method: string;
  received: string;
  forwarded: string | undefined;
}

export interface PathProxy {
  origin: string;
  requests: Forwarded[];
  close(): Promise<void>;
}

/**
 * A loopback proxy in front of Prism that rewrites each request path (`rewrite` returns
 * `undefined` to refuse it with a 404 naming the path) and records what it did.
 */
export async function startPathProxy(
  target: string,
  rewrite: (path: string) => string | undefined,
): Promise<PathProxy> {
  const { hostname, port } = new URL(target);
  const requests: Forwarded[] = [];
  const server = createServer((req, res) => {
    const received = req.url ?? "/";
    const forwarded = rewrite(received);
    requests.push({ method: req.method ?? "GET", received, forwarded });
    if (forwarded === undefined) {
      res.writeHead(404, { "content-type": "application/json" });
      res.end(JSON.stringify({ proxy: `refused ${received}: not under the expected prefix` }));
      return;
    }
    // The body is buffered and sent with a Content-Length: the clients stream bodies (chunked),
    // and Prism checks a body's media type only when Content-Length says there is one.
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      const headers = { ...req.headers, "content-length": String(body.length) };
      delete headers["transfer-encoding"];
      const upstream = forward(
        { hostname, port, method: req.method, path: forwarded, headers },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      upstream.on("error", (e) => res.writeHead(502).end(`proxy: ${e.message}`));
      upstream.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return { origin, requests, close };
}

/** Strips `prefix` (the path of a server URL, which Prism ignores), refusing paths without it. */
export const stripPrefix =
  (prefix: string) =>
  (path: string): string | undefined =>
    path.startsWith(`${prefix}/`) ? path.slice(prefix.length) : undefined;

/**
 * Percent-encodes the commas of the path (not the query). Prism 5's URI-template matcher turns a
 * comma list such as `9,8,18` into an array, and its simple-style deserializer then calls
 * `.split` on that array and crashes the server. `9%2C8%2C18` reaches the same deserializer as
 * the string `9,8,18`, which it splits and validates item by item as the spec says.
 */
export function encodePathCommas(path: string): string {
  const q = path.indexOf("?");
  const [pathname, query] = q < 0 ? [path, ""] : [path.slice(0, q), path.slice(q)];
  return pathname.replaceAll(",", "%2C") + query;
}

/** One problem Prism found with a request, from its `sl-violations` response header. */
export interface Violation {
  location?: string[];
  severity: string;
  code: string | number;
  message: string;
}

export function violations(response: Response): Violation[] {
  const header = response.headers.get("sl-violations");
  return header ? (JSON.parse(header) as Violation[]) : [];
}

/** A transport that refuses anything but loopback, so no test can reach a real provider. */
export async function loopbackFetch(request: Request): Promise<Response> {
  const { hostname } = new URL(request.url);
  if (hostname !== "127.0.0.1") throw new Error(`refusing to leave loopback: ${hostname}`);
  return fetch(request);
}

/**
 * A loopback transport that edits the request after the client built it (drops a header or a
 * query credential), to prove Prism requires what the client always sends.
 */
export function tampered(
  edit: (url: URL, headers: Headers) => void,
): (request: Request) => Promise<Response> {
  return (request) => {
    const url = new URL(request.url);
    const headers = new Headers(request.headers);
    edit(url, headers);
    return loopbackFetch(new Request(url, { method: request.method, headers }));
  };
}
