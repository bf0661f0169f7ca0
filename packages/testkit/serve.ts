/**
 * Serves a web-standard handler over real HTTP on 127.0.0.1, recording every request it receives.
 */
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";

export interface RecordedRequest {
  method: string;
  /** Path and query exactly as they arrived on the wire. */
  target: string;
  url: URL;
  headers: Record<string, string>;
  body: string;
}

export interface TestServer {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

export type Handler = (request: Request, recorded: RecordedRequest) => Response | Promise<Response>;

/** A response header that makes the server misbehave on the wire instead of answering. */
const FAULT = "x-testkit-fault";

/** Sends the status line, headers and half of `body`, then cuts the connection. */
export function resetMidBody(status: number, body: string): Response {
  return new Response(body, {
    status,
    headers: { [FAULT]: "reset", "content-type": "application/json" },
  });
}

/** Never answers (until the server closes). */
export function hang(): Promise<Response> {
  return new Promise(() => undefined);
}

async function readBody(message: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of message) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

export async function serve(handler: Handler): Promise<TestServer> {
  const requests: RecordedRequest[] = [];
  const server = createServer(async (message, reply) => {
    const target = message.url ?? "/";
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(message.headers)) {
      if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(", ") : value;
    }
    const body = await readBody(message);
    const url = new URL(target, "http://127.0.0.1");
    const recorded: RecordedRequest = {
      method: message.method ?? "GET",
      target,
      url,
      headers,
      body,
    };
    requests.push(recorded);
    const request = new Request(url, {
      method: recorded.method,
      headers,
      body: body && recorded.method !== "GET" ? body : undefined,
    });
    const response = await handler(request, recorded);
    const payload = Buffer.from(await response.arrayBuffer());
    if (response.headers.get(FAULT) === "reset") {
      reply.writeHead(response.status, {
        "content-type": "application/json",
        "content-length": payload.length,
      });
      reply.write(payload.subarray(0, Math.floor(payload.length / 2)));
      reply.socket?.destroy();
      return;
    }
    reply.writeHead(response.status, Object.fromEntries(response.headers));
    reply.end(payload);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve, reject) => server.close((e) => (e ? reject(e) : resolve())));
    },
  };
}
