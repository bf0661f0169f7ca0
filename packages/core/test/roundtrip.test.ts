/**
 * The round-trip primitives: multipart uploads with a form credential, sending at most once,
 * results that stream, links fetched without credentials, and processFile's phases.
 */
import { useServer } from "@filestatus/testkit";
import { describe, expect, it } from "vitest";
import {
  ApiError,
  ConnectionError,
  createApiClient,
  headerFields,
  isSuccessFalse,
  moveErrorBodies,
  multipart,
  processFile,
  redactLink,
  sendOnce,
  streamedResults,
  TimeoutError,
  toUploadFile,
  type CommonOptions,
  type RoundTripProgress,
  type UploadStatus,
} from "../src/index.ts";

const KEY = "zb-live-0123456789abcdef";
const server = useServer();

const client = (options: CommonOptions = {}) =>
  createApiClient<any>(
    {
      provider: "demo",
      defaultBaseUrl: server.origin,
      credentials: [{ in: "query", name: "api_key", value: KEY, form: true }],
    },
    { retry: { retries: 2, minDelayMs: 1, maxDelayMs: 5, maxRetryAfterMs: 2_000 }, ...options },
  );

const CSV = "email,name\r\na@example.com,A\r\nb@dead.example,B\r\n";
const file = () => toUploadFile("demo", CSV, "list.csv");
const form = () =>
  multipart(
    { email_address_column: 1, has_header_row: true },
    { field: "file", file: file(), type: "text/csv" },
  );
const upload = (c = client(), options = {}) =>
  sendOnce(c, "list.csv", (init) => c.POST("/upload", { ...init }), { form: form(), ...options });

async function failure(promise: Promise<unknown>): Promise<any> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected a rejection");
}

describe("upload files", () => {
  it("refuses an empty file, a wrong type and a name with a quote, before anything is sent", () => {
    expect(() => toUploadFile("demo", "")).toThrow(RangeError);
    expect(() => toUploadFile("demo", "")).toThrow(/empty; nothing was sent/);
    expect(() => toUploadFile("demo", 42)).toThrow(TypeError);
    expect(() => toUploadFile("demo", "a", 'x".csv')).toThrow(/filename/);
    expect(() => toUploadFile("demo", "a", "a\u001b[31m.csv")).toThrow(/filename/);
  });
  it("names a File by its own name, anything else upload.csv unless filename says otherwise", () => {
    expect(toUploadFile("demo", new File(["a"], "mine.csv")).name).toBe("mine.csv");
    expect(toUploadFile("demo", new Uint8Array([65])).name).toBe("upload.csv");
    expect(toUploadFile("demo", "a", "given.txt").name).toBe("given.txt");
  });
  it("reads the header fields of the first line only, quotes and a BOM understood", async () => {
    const text = '\ufeff"Email, work",Name , "Say ""hi"""\r\nx,y,z\r\n';
    expect(await headerFields(toUploadFile("demo", text))).toEqual([
      "Email, work",
      "Name",
      'Say "hi"',
    ]);
  });
});

describe("multipart uploads", () => {
  it("carry the form credential as a field, a Content-Length and the file, the URL without the key", async () => {
    server.answer(() => Response.json({ id: "u1" }, { status: 201 }));
    expect(await upload()).toEqual({ id: "u1" });
    const sent = server.last();
    expect(sent.url.searchParams.has("api_key")).toBe(false);
    expect(sent.headers["content-length"]).toBe(String(Buffer.byteLength(sent.body)));
    const parsed = await new Request("http://x/", {
      method: "POST",
      headers: { "content-type": sent.headers["content-type"]! },
      body: sent.body,
    }).formData();
    expect(parsed.get("api_key")).toBe(KEY);
    expect(parsed.get("email_address_column")).toBe("1");
    expect(parsed.get("has_header_row")).toBe("true");
    expect(await (parsed.get("file") as File).text()).toBe(CSV);
    expect((parsed.get("file") as File).name).toBe("list.csv");
  });
  it("middleware never sees the form credential", async () => {
    server.answer(() => Response.json({ id: "u1" }));
    const c = client();
    const seen: string[] = [];
    c.use({
      onRequest: async ({ request }) => void seen.push(request.url, await request.clone().text()),
    });
    await upload(c);
    expect(seen.join("\n")).not.toContain(KEY);
  });
  it("reports uploading progress up to every byte", async () => {
    server.answer(() => Response.json({ id: "u1" }));
    const seen: RoundTripProgress[] = [];
    await upload(client(), { onProgress: (p: RoundTripProgress) => void seen.push(p) });
    const total = form().body.size;
    expect(seen.every((p) => p.phase === "uploading" && p.totalBytes === total)).toBe(true);
    expect(seen.at(-1)).toMatchObject({ bytes: total, progress: 100 });
  });
});

describe("an upload is sent at most once", () => {
  it("a 503 asking to come back is sent again, and succeeds", async () => {
    let n = 0;
    server.answer(() =>
      ++n === 1
        ? Response.json({}, { status: 503, headers: { "Retry-After": "0" } })
        : Response.json({ id: "u2" }),
    );
    expect(await upload()).toEqual({ id: "u2" });
    expect(server.requests).toHaveLength(2);
  });
  it("a connection reset after sending is not retried and may have been accepted", async () => {
    let calls = 0;
    const c = client({
      fetch: async (request) => {
        calls++;
        await request.arrayBuffer();
        throw new TypeError("fetch failed", {
          cause: Object.assign(new Error("socket hang up"), { code: "ECONNRESET" }),
        });
      },
    });
    const error = await failure(upload(c));
    expect(ConnectionError.is(error)).toBe(true);
    expect(calls).toBe(1);
    expect(error.mayHaveBeenAccepted).toBe(true);
    expect(error.message).toMatch(/may have been accepted: look for "list.csv"/);
    expect(JSON.stringify(error) + error.message).not.toContain(KEY);
  });
  it("a refused connection is tried again and then says the upload was not accepted", async () => {
    let calls = 0;
    const c = client({
      fetch: async () => {
        calls++;
        throw new TypeError("fetch failed", {
          cause: Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }),
        });
      },
    });
    const error = await failure(upload(c));
    expect(calls).toBe(3);
    expect(error.mayHaveBeenAccepted).toBe(false);
  });
  it("a 400 is not retried and was not accepted; a 500 may have been", async () => {
    server.answer(() => Response.json({ message: "bad column" }, { status: 400 }));
    const refused = await failure(upload());
    expect(ApiError.is(refused) && refused.status).toBe(400);
    expect(refused.mayHaveBeenAccepted).toBe(false);
    expect(server.requests).toHaveLength(1);
    server.answer(() => Response.json({ message: "oops" }, { status: 500 }));
    const maybe = await failure(upload());
    expect(maybe.mayHaveBeenAccepted).toBe(true);
  });
  it("a success whose answer is not what was expected may have been accepted", async () => {
    server.answer(() => Response.json({ nothing: true }));
    const c = client();
    const error = await failure(
      sendOnce(c, "list.csv", (init) => c.POST("/upload", { ...init }), {
        form: form(),
        expect: (d: any) => (d.id ? undefined : "no id"),
      }),
    );
    expect(error.mayHaveBeenAccepted).toBe(true);
  });
  it("an HTTP-200 success: false answer refuses the upload: not accepted, not retried", async () => {
    server.answer(() => Response.json({ success: "False", message: ["api_key is invalid"] }));
    const c = moveErrorBodies(
      createApiClient<any>(
        {
          provider: "demo",
          defaultBaseUrl: server.origin,
          credentials: [{ in: "query", name: "api_key", value: KEY, form: true }],
        },
        { retry: { retries: 2, minDelayMs: 1, maxDelayMs: 5, maxRetryAfterMs: 2_000 } },
      ),
      isSuccessFalse,
    );
    const error = await failure(upload(c));
    expect(ApiError.is(error) && error.status).toBe(200);
    expect(error.mayHaveBeenAccepted).toBe(false);
    expect(server.requests).toHaveLength(1);
  });
  it("a success whose JSON body is cut short may have been accepted", async () => {
    server.answer(
      () => new Response('{"id":"u', { headers: { "content-type": "application/json" } }),
    );
    const error = await failure(upload());
    expect(ApiError.is(error) && error.status).toBe(200);
    expect(error.mayHaveBeenAccepted).toBe(true);
    expect(server.requests).toHaveLength(1);
  });
});

describe("HTTP-200 errors", () => {
  it('success false, "False" and "false" are errors; true and "true" are not', () => {
    const verdicts = [false, "False", "false", true, "true", undefined].map((success) =>
      isSuccessFalse({ success }),
    );
    expect(verdicts).toEqual([true, true, true, false, false, false]);
  });
});

describe("uploads that are redirected or slow", () => {
  it("an upload answered with a redirect whose target refuses is not sent again, and may have been accepted", async () => {
    let posts = 0;
    const c = client({
      fetch: async (request) => {
        if (request.method === "POST") {
          posts++;
          await request.arrayBuffer();
          return new Response(null, { status: 303, headers: { location: "/done" } });
        }
        throw new TypeError("fetch failed", {
          cause: Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }),
        });
      },
    });
    const error = await failure(upload(c));
    expect(posts).toBe(1);
    expect(error.mayHaveBeenAccepted).toBe(true);
  });
  it("an upload answered with a redirect to a 404 may have been accepted", async () => {
    const c = client({
      fetch: async (request) =>
        request.method === "POST"
          ? new Response(null, { status: 303, headers: { location: "/gone" } })
          : Response.json({ message: "no such page" }, { status: 404 }),
    });
    expect((await failure(upload(c))).mayHaveBeenAccepted).toBe(true);
  });
  it("a body that keeps going out outlives timeoutMs: the attempt times out only when it stalls", async () => {
    server.answer(() => Response.json({ id: "slow" }));
    const c = client({ timeoutMs: 1_500 });
    // 20 pieces 100 ms apart: 2 s in all, longer than timeoutMs, never 1.5 s without progress
    const pieces = 20;
    const slow = new ReadableStream<Uint8Array>({
      async pull(controller) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        if (--sentPieces < 0) controller.close();
        else controller.enqueue(new TextEncoder().encode("a@b.co\n"));
      },
    });
    let sentPieces = pieces;
    const data = await sendOnce(c, "slow.csv", () =>
      c.POST("/upload", {
        body: slow as never,
        bodySerializer: (b: unknown) => b,
        headers: { "Content-Type": "text/csv" },
        duplex: "half",
      } as never),
    );
    expect(data).toEqual({ id: "slow" });
  });
});

describe("results stream", () => {
  it("a CSV answer is handed over unread, its body streaming and counted", async () => {
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull: (c) =>
        void (pulled++, c.enqueue(new TextEncoder().encode("a@b.c,valid\r\n".repeat(1000)))),
    });
    const c = client({
      fetch: async () => new Response(endless, { headers: { "content-type": "text/csv" } }),
    });
    const seen: RoundTripProgress[] = [];
    const results = await streamedResults(c, c.GET("/getfile", { parseAs: "stream" }), {
      onProgress: (p) => void seen.push(p),
    });
    expect(pulled).toBeLessThan(5); // not read whole: it never ends
    const reader = results.body!.getReader();
    await reader.read();
    await reader.read();
    await reader.cancel();
    expect(seen.at(-1)).toMatchObject({ phase: "downloading" });
    expect(seen.at(-1)!.bytes).toBeGreaterThan(0);
  });
  it("an async onProgress that rejects errors the body being read", async () => {
    const c = client({
      fetch: async () =>
        new Response("a,b\n".repeat(100), { headers: { "content-type": "text/csv" } }),
    });
    const results = await streamedResults(c, c.GET("/getfile", { parseAs: "stream" }), {
      onProgress: async (p) => {
        if ((p.bytes ?? 0) > 0) throw new Error("stop reading");
      },
    });
    expect((await failure(results.text())).message).toBe("stop reading");
  });
  it("a JSON answer where the file was expected is an ApiError with the provider's message", async () => {
    const c = client({
      fetch: async () => Response.json({ success: false, message: "File not ready" }),
    });
    const error = await failure(streamedResults(c, c.GET("/getfile", { parseAs: "stream" })));
    expect(ApiError.is(error)).toBe(true);
    expect(error.message).toContain("File not ready");
  });
  it("a body cut mid-way errors the stream, redacted; it never ends short", async () => {
    let sent = 0;
    const cut = new ReadableStream<Uint8Array>({
      pull: (c) => {
        if (++sent > 3)
          return c.error(new TypeError(`terminated at ${server.origin}/getfile?k=${KEY}`));
        c.enqueue(new TextEncoder().encode("a@b.c,valid\r\n"));
      },
    });
    const c = client({
      fetch: async () => new Response(cut, { headers: { "content-type": "text/csv" } }),
    });
    const results = await streamedResults(
      c,
      c.GET("/getfile", { parseAs: "stream", params: { query: { k: KEY } } }),
    );
    const error = await failure(results.text());
    expect(ConnectionError.is(error)).toBe(true);
    expect(error.message).toMatch(/cut off after 39 bytes/);
    expect(JSON.stringify(error) + error.message + error.stack).not.toContain(KEY);
  });
  it("a body that stalls longer than timeoutMs fails with a TimeoutError", async () => {
    const stalled = new ReadableStream<Uint8Array>({
      start: (c) => c.enqueue(new Uint8Array([65])),
    });
    const c = client({
      timeoutMs: 100,
      fetch: async () => new Response(stalled, { headers: { "content-type": "text/csv" } }),
    });
    const results = await streamedResults(c, c.GET("/getfile", { parseAs: "stream" }));
    expect(TimeoutError.is(await failure(results.text()))).toBe(true);
  });
  it("aborting the signal errors a body being read", async () => {
    const stalled = new ReadableStream<Uint8Array>({
      start: (c) => c.enqueue(new Uint8Array([65])),
    });
    const c = client({
      timeoutMs: 0,
      fetch: async () =>
        new Response(stalled, { headers: { "content-type": "application/octet-stream" } }),
    });
    const controller = new AbortController();
    const results = await streamedResults(
      c,
      c.GET("/getfile", { parseAs: "stream", signal: controller.signal }),
    );
    const reading = failure(results.text());
    controller.abort(new Error("stop"));
    expect((await reading).message).toBe("stop");
  });
});

describe("links", () => {
  const LINK_TOKEN = "tok_9f8e7d6c5b4a39281706f5e4d3c2b1a0";
  it("redactLink hides every query value and user info", () => {
    expect(redactLink(`https://dl.example/download?download=${LINK_TOKEN}&filename=a.csv`)).toBe(
      "https://dl.example/download?download=***&filename=***",
    );
    expect(redactLink("https://u:p@h.example/x")).toBe("https://***@h.example/x");
    expect(redactLink("not a url")).toBe("***");
  });
  it("fetchLink sends none of the client's credentials and streams the file", async () => {
    server.answer(() => new Response(CSV, { headers: { "content-type": "text/plain" } }));
    const response = await client().fetchLink(`${server.origin}/download?download=${LINK_TOKEN}`);
    expect(await response.text()).toBe(CSV);
    expect(server.last().target).not.toContain(KEY);
    expect(JSON.stringify(server.last().headers)).not.toContain(KEY);
  });
  it("a used link's error never shows the link's token", async () => {
    server.answer(() => new Response(`link ${LINK_TOKEN} expired`, { status: 410 }));
    const error = await failure(
      client().fetchLink(`${server.origin}/download?download=${LINK_TOKEN}`),
    );
    expect(ApiError.is(error) && error.status).toBe(410);
    expect(JSON.stringify(error) + error.message + error.stack).not.toContain(LINK_TOKEN);
  });
  it("refuses a link that is not http(s)", async () => {
    await expect(client().fetchLink("file:///etc/passwd")).rejects.toThrow(TypeError);
  });
});

describe("processFile", () => {
  const status = (state: UploadStatus["state"], progress?: number): UploadStatus => ({
    provider: "demo",
    id: "u1",
    state,
    raw: {},
    ...(progress !== undefined && { progress }),
  });
  it("runs the phases in order and resolves with the final status and the results", async () => {
    const phases: string[] = [];
    const done = await processFile(
      client(),
      {
        upload: async (o) => (o.onProgress?.({ phase: "uploading", bytes: 1 }), status("queued")),
        wait: async (_id, o) => (
          await o.onProgress?.(status("processing", 50)),
          status("complete", 100)
        ),
        results: async (_s, o) => (o.onProgress?.({ phase: "downloading", bytes: 3 }), "rows"),
      },
      { onProgress: (p) => void phases.push(`${p.phase}${p.progress ?? ""}`) },
    );
    expect(done).toEqual({ status: status("complete", 100), results: "rows" });
    expect(phases).toEqual(["uploading", "processing50", "downloading"]);
  });
  it("a deadline that passes while processing is a TimeoutError naming the phase", async () => {
    const error = await failure(
      processFile(
        client(),
        {
          upload: async () => status("queued"),
          wait: (_id, o) =>
            new Promise((_, reject) =>
              o.signal!.addEventListener("abort", () => reject(o.signal!.reason)),
            ),
          results: async () => "never",
        },
        { timeoutMs: 50 },
      ),
    );
    expect(TimeoutError.is(error)).toBe(true);
    expect(error.message).toMatch(/within 50 ms \(it was processing\)/);
  });
  it("refuses an intervalMs that would flood the server, before uploading", async () => {
    let uploaded = false;
    const steps = {
      upload: async () => ((uploaded = true), status("queued")),
      wait: async () => status("complete"),
      results: async () => 1,
    };
    for (const intervalMs of [Number.NaN, 0, -1, "5000" as never])
      await expect(processFile(client(), steps, { intervalMs })).rejects.toThrow(/intervalMs/);
    expect(uploaded).toBe(false);
  });
  it("leaves no listener on the caller's signal once it is done", async () => {
    const controller = new AbortController();
    let listening = 0;
    const { signal } = controller;
    const add = signal.addEventListener.bind(signal);
    const remove = signal.removeEventListener.bind(signal);
    signal.addEventListener = ((...args: Parameters<typeof add>) => (
      listening++,
      add(...args)
    )) as typeof add;
    signal.removeEventListener = ((...args: Parameters<typeof remove>) => (
      listening--,
      remove(...args)
    )) as typeof remove;
    const steps = {
      upload: async () => status("queued"),
      wait: async () => status("complete"),
      results: async () => 1,
    };
    for (let i = 0; i < 20; i++) await processFile(client(), steps, { signal });
    expect(listening).toBe(0);
  });
  it("refuses a timeoutMs that is not a duration, before uploading", async () => {
    let uploaded = false;
    const steps = {
      upload: async () => ((uploaded = true), status("queued")),
      wait: async () => status("complete"),
      results: async () => 1,
    };
    await expect(processFile(client(), steps, { timeoutMs: -1 })).rejects.toThrow(RangeError);
    await expect(processFile(client(), steps, { timeoutMs: Number.NaN })).rejects.toThrow(
      /timeoutMs/,
    );
    expect(uploaded).toBe(false);
  });
});
