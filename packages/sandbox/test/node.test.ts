import { request as httpRequest } from "node:http";
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
    expect(nodeOnly.sort()).toEqual(["bin.ts", "node.ts"]);
  });
});
