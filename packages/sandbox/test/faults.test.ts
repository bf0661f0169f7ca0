import { request as httpRequest } from "node:http";
import { describe, expect, it } from "vitest";
import { createSandbox, RESET_MESSAGE } from "../src/index.ts";
import { serve } from "../src/node.ts";
import { demoId, harness, TRANSPORTS } from "./helpers.ts";

const ZB = "/v2/filestatus?api_key=key&file_id=aaaaaaaa-zzzz-xxxx-yyyy-5003727fffff";
const withFault = (fault: string) => `${ZB}&sandbox_fault=${encodeURIComponent(fault)}`;
const header = (fault: string) => ({ headers: { "X-Sandbox-Fault": fault } });

describe.each(TRANSPORTS)("faults (%s)", (transport) => {
  it.each([
    ["the header", (f: string) => [ZB, header(f)] as const],
    ["the query parameter", (f: string) => [withFault(f), {}] as const],
  ])("503 by %s", async (_, how) => {
    const h = await harness(transport);
    const [path, init] = how("503");
    const response = await h.send(path, init);
    expect(response.status).toBe(503);
    expect(response.headers.get("x-sandbox-fault")).toBe("503");
  });

  it("503x2 answers 503 to the first two requests carrying it, then normally", async () => {
    const h = await harness(transport);
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await h.send(ZB, header("503x2"))).status);
    expect(statuses).toEqual([503, 503, 200, 200]);
    expect((await h.send(ZB, header("503x3"))).status).toBe(503); // its own count
    const fresh = await harness(transport); // and its own sandbox
    expect((await fresh.send(ZB, header("503x2"))).status).toBe(503);
  });

  it("429 carries Retry-After: 1", async () => {
    const h = await harness(transport);
    const response = await h.send(withFault("429"));
    expect(response.status).toBe(429);
    expect(response.headers.get("retry-after")).toBe("1");
  });

  it("delay=<ms> waits, then answers normally without the parameter in the URL it sees", async () => {
    const h = await harness(transport);
    const started = performance.now();
    const { status, body } = await h.get(`/v1/api/filesupload/?size=5&sandbox_fault=delay%3D120`, {
      headers: { "X-API-KEY": "k" },
    });
    expect(performance.now() - started).toBeGreaterThanOrEqual(110);
    expect(status).toBe(200);
    expect(body.next).toBe(`${h.origin}/v1/api/filesupload/?page=2&size=5`);
  });

  it("delay is abortable by the request's signal", async () => {
    const h = await harness(transport);
    const controller = new AbortController();
    const pending = h.send(ZB, { ...header("delay=5000"), signal: controller.signal });
    setTimeout(() => controller.abort(), 30);
    const started = performance.now();
    await expect(pending).rejects.toMatchObject({ name: "AbortError" });
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it("truncate answers 200 with half of the JSON body", async () => {
    const h = await harness(transport);
    const whole = await (await h.send(ZB)).text();
    const response = await h.send(withFault("truncate"));
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).toBe(whole.slice(0, Math.floor(whole.length / 2)));
    expect(() => JSON.parse(text)).toThrow();
  });

  it("an unknown fault is a 400 that names the valid ones", async () => {
    const h = await harness(transport);
    const answer = await h.get(ZB, header("explode"));
    expect(answer.status).toBe(400);
    expect(answer.body.message).toContain("503x<N>");
  });

  it("faults work on every provider's paths", async () => {
    const h = await harness(transport);
    const paths = [
      `/api/json/csv/k/status/${demoId(h.sandbox, "ipqs")}`,
      "/v1/api/filesupload/",
      "/social-media-posting/loc/csv",
      "/v2/library/files/uploadstatus/9?api_key=k",
    ];
    for (const path of paths) expect((await h.send(path, header("503"))).status).toBe(503);
  });
});

describe("reset", () => {
  it("in-process: fetch rejects with a TypeError, as a dropped connection does", async () => {
    const sandbox = createSandbox();
    const answer = sandbox.fetch(new Request(`http://sandbox.test${ZB}`, header("reset")));
    await expect(answer).rejects.toThrow(new TypeError(RESET_MESSAGE));
  });

  it("over HTTP: the socket is destroyed without a response", async () => {
    const server = await serve(createSandbox());
    try {
      await expect(fetch(server.url + withFault("reset"))).rejects.toThrow(TypeError);
      const error = await new Promise<NodeJS.ErrnoException>((resolve, reject) => {
        const req = httpRequest(server.url + ZB, header("reset"), (res) =>
          reject(new Error(`got ${res.statusCode}`)),
        );
        req.on("error", resolve);
        req.end();
      });
      expect(error.code).toBe("ECONNRESET");
      expect((await fetch(server.url + ZB)).status).toBe(200); // the server itself is fine
    } finally {
      await server.close();
    }
  });
});
