import { request as httpRequest } from "node:http";
import { connect } from "node:net";
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createSandbox } from "../src/index.ts";
import { serve } from "../src/node.ts";

function rawGet(
  url: string,
  headers: Record<string, string>,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { headers }, (res) => {
      let body = "";
      res.on("data", (chunk) => (body += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

describe("serve (node adapter)", () => {
  it("serves any web-standard handler: method, headers and body go in, status, headers and body come out", async () => {
    const server = await serve(async (request) =>
      Response.json(
        {
          method: request.method,
          header: request.headers.get("x-thing"),
          body: await request.text(),
        },
        { status: 201, headers: { "x-echo": "yes" } },
      ),
    );
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const response = await fetch(`${server.url}/anything`, {
        method: "POST",
        headers: { "x-thing": "value" },
        body: "payload",
      });
      expect(response.status).toBe(201);
      expect(response.headers.get("x-echo")).toBe("yes");
      expect(await response.json()).toEqual({ method: "POST", header: "value", body: "payload" });
    } finally {
      await server.close();
    }
  });

  it("builds URLs from the Host the client used, so they work behind any name or port", async () => {
    const server = await serve(createSandbox());
    try {
      const { body } = await rawGet(`${server.url}/api/json/csv/k/list`, {
        Host: "sandbox.example:8443",
      });
      expect(JSON.parse(body).csvs[0].status_url).toMatch(
        /^http:\/\/sandbox\.example:8443\/api\/json\/csv\/k\/status\/\d+$/,
      );
    } finally {
      await server.close();
    }
  });

  it("answers 500 when the handler throws, and aborts the handler's signal when the client leaves", async () => {
    let signal: AbortSignal | undefined;
    const server = await serve(async (request) => {
      if (request.url.endsWith("/throw")) throw new Error("boom");
      signal = request.signal;
      return new Promise<Response>(() => undefined);
    });
    try {
      const failed = await fetch(`${server.url}/throw`);
      expect(failed.status).toBe(500);
      expect(await failed.json()).toEqual({ message: "sandbox: boom" });
      const controller = new AbortController();
      const pending = fetch(`${server.url}/hang`, { signal: controller.signal });
      await new Promise((resolve) => setTimeout(resolve, 50));
      controller.abort();
      await expect(pending).rejects.toMatchObject({ name: "AbortError" });
      await expect.poll(() => signal?.aborted).toBe(true);
    } finally {
      await server.close();
    }
  });

  it("hands the handler the request body as it arrives, all of it and in order", async () => {
    const server = await serve(async (request) => {
      const reader = request.body!.getReader();
      let bytes = 0;
      let sum = 0;
      for (let next = await reader.read(); !next.done; next = await reader.read()) {
        for (const b of next.value) sum = (sum * 31 + b) >>> 0;
        bytes += next.value.byteLength;
      }
      return Response.json({ bytes, sum });
    });
    try {
      const body = new Uint8Array(8 * 1024 * 1024).map((_, i) => (i * 7) % 251);
      let sum = 0;
      for (const b of body) sum = (sum * 31 + b) >>> 0;
      const answer = await fetch(server.url, { method: "POST", body });
      expect(await answer.json()).toEqual({ bytes: body.length, sum });
    } finally {
      await server.close();
    }
  });

  it("answers before the body is read, drops the rest, and serves the next request on that connection", async () => {
    const server = await serve(async (request) =>
      request.method === "POST"
        ? Response.json({ refused: true }, { status: 400 })
        : new Response("ok"),
    );
    const socket = connect(Number(new URL(server.url).port), "127.0.0.1");
    try {
      let received = "";
      socket.on("data", (chunk) => (received += chunk.toString("latin1")));
      const length = 16 * 1024 * 1024;
      socket.write(`POST / HTTP/1.1\r\nHost: x\r\nContent-Length: ${length}\r\n\r\n`);
      socket.write(new Uint8Array(length));
      socket.write("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
      await expect
        .poll(() => received, { timeout: 4_000 })
        .toMatch(/HTTP\/1\.1 200 [^]*\r\nok\r\n/);
      expect(received).toMatch(/^HTTP\/1\.1 400/);
    } finally {
      socket.destroy();
      await server.close();
    }
  });

  it("errors the body the handler is reading when the client leaves mid-upload", async () => {
    let failure: unknown;
    const server = await serve(async (request) => {
      try {
        await request.arrayBuffer();
      } catch (error) {
        failure = error;
      }
      return new Response("late");
    });
    try {
      const controller = new AbortController();
      const endless = new ReadableStream<Uint8Array>({
        pull: (c) =>
          new Promise((resolve) => setTimeout(() => resolve(c.enqueue(new Uint8Array(1024))), 5)),
      });
      const sending = fetch(server.url, {
        method: "POST",
        body: endless,
        duplex: "half",
        signal: controller.signal,
      } as RequestInit);
      await new Promise((resolve) => setTimeout(resolve, 100));
      controller.abort();
      await expect(sending).rejects.toMatchObject({ name: "AbortError" });
      await expect.poll(() => failure).toBeInstanceOf(Error);
    } finally {
      await server.close();
    }
  });

  it("close() stops listening", async () => {
    const server = await serve(createSandbox());
    await server.close();
    await expect(fetch(server.url)).rejects.toThrow(TypeError);
  });
});

describe("runtime neutrality", () => {
  it("only node.ts and bin.ts use Node built-ins; everything else is web-standard", () => {
    const dir = new URL("../src/", import.meta.url);
    const files = readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((f) =>
      f.endsWith(".ts"),
    );
    const nodeOnly = files.filter((file) => {
      const source = readFileSync(new URL(file, dir), "utf8");
      return /from "node:|\bprocess\.|\bBuffer\b|require\(/.test(source);
    });
    expect(nodeOnly.sort()).toEqual(["bin.ts", "node-http.ts", "node.ts"]);
  });
});
