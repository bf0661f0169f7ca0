/**
 * Between node:http and a web-standard handler: the request, its body streamed as it arrives, and
 * the response written as it streams. Node-only, like node.ts, which serves with these.
 */
import type { IncomingMessage, ServerResponse } from "node:http";

/**
 * The request body as a web stream that reads `message` only as fast as the handler does, so an
 * upload of any size passes through without being held (the ZeroBounce sandbox keeps the file,
 * the adapter keeps nothing). What the handler leaves unread is drained once it has answered.
 */
function bodyStream(message: IncomingMessage): { body: ReadableStream<Uint8Array>; drain(): void } {
  let open = true;
  const drain = () => {
    open = false;
    message.resume();
  };
  const body = new ReadableStream<Uint8Array>(
    {
      start(controller) {
        message.on("data", (chunk: Buffer) => {
          if (!open) return;
          controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
          if ((controller.desiredSize ?? 0) <= 0) message.pause();
        });
        message.once("end", () => open && ((open = false), controller.close()));
        const fail = () =>
          open && ((open = false), controller.error(new TypeError("the request body was cut off")));
        message.once("error", fail);
        message.once("close", () => void (message.complete || fail()));
        message.pause();
      },
      pull: () => void message.resume(),
      cancel: drain,
    },
    { highWaterMark: 1 },
  );
  return { body, drain };
}

/** The request, and what drops the rest of its body (a no-op without one). */
export function toRequest(
  message: IncomingMessage,
  fallback: string,
  signal: AbortSignal,
): { request: Request; drain(): void } {
  let url: URL;
  try {
    // The Host header, so that URLs the sandbox builds (next pages, status_url) work on any port.
    url = new URL(message.url ?? "/", `http://${message.headers.host ?? fallback}`);
  } catch {
    url = new URL(message.url ?? "/", `http://${fallback}`);
  }
  const headers = new Headers();
  for (let i = 0; i + 1 < message.rawHeaders.length; i += 2)
    headers.append(message.rawHeaders[i]!, message.rawHeaders[i + 1]!);
  const method = message.method ?? "GET";
  const init: RequestInit & { duplex?: "half" } = { method, headers, signal };
  if (method === "GET" || method === "HEAD")
    return { request: new Request(url, init), drain: () => undefined };
  const { body, drain } = bodyStream(message);
  init.body = body;
  init.duplex = "half"; // required by Node's Request for a streamed body
  return { request: new Request(url, init), drain };
}

/**
 * Writes `response` as it streams, so a slow body arrives slowly and a body that errors mid-way
 * (the `reset-body` fault) ends in a destroyed socket, as a real connection reset would.
 */
export async function send(
  reply: ServerResponse,
  response: Response,
  method: string,
): Promise<void> {
  const headers: Record<string, string | string[]> = Object.fromEntries(response.headers);
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) headers["set-cookie"] = cookies;
  reply.writeHead(response.status, headers);
  if (method === "HEAD" || !response.body) return void reply.end();
  const reader = response.body.getReader();
  for (let next = await reader.read(); !next.done; next = await reader.read()) {
    if (reply.write(next.value)) continue;
    // A client that goes away never drains: stop reading, so a long body is not left running.
    await new Promise<void>((resolve) => {
      const done = () => (reply.off("drain", done), reply.off("close", done), resolve());
      (reply.on("drain", done), reply.on("close", done));
    });
    if (reply.destroyed) return void (await reader.cancel().catch(() => undefined));
  }
  reply.end();
}
