import { virtualClock } from "@filestatus/testkit";
import { describe, expect, it } from "vitest";
import {
  ApiError,
  createApiClient,
  createRateLimiter,
  createRedactor,
  createTransport,
  redactDeep,
  MAX_TIMER_MS,
  systemClock,
  TimeoutError,
  type CommonOptions,
  type ProviderConfig,
} from "../src/index.ts";

const KEY = "sk-live-0123456789abcdef";
const config: ProviderConfig = {
  provider: "demo",
  defaultBaseUrl: "https://api.example.test",
  credentials: [{ in: "query", name: "api_key", value: KEY }],
};
const client = (options: CommonOptions) => createApiClient<{}>(config, options);
const call = (c: ReturnType<typeof client>, init: object = {}) =>
  c.unwrap(c.GET("/v2/filestatus" as never, init as never));
const failure = (work: Promise<unknown>) =>
  work.then(
    () => expect.unreachable("the call should have failed"),
    (e: unknown) => e,
  );

/** A `fetch` that never settles and never looks at its signal. */
const deaf = () => new Promise<Response>(() => undefined);

describe("whatever throws inside an attempt", () => {
  it("releases the limiter place and reaches the caller redacted", async () => {
    const secret = "sk-SECRET\nx"; // a value Headers refuses, quoting it
    const clock = virtualClock();
    const transport = createTransport({
      provider: "demo",
      credentials: [{ in: "header", name: "X-API-KEY", value: secret }],
      send: async () => Response.json({}),
      redact: createRedactor([secret]),
      clock,
      retry: false,
      timeoutMs: 1_000,
      limiter: createRateLimiter({ requests: 1, perMs: 1_000 }, clock),
    });
    for (let i = 0; i < 2; i++) {
      // The second call would wait forever for a place the first never gave back.
      const error = await clock.run(failure(transport(new Request("https://api.example.test/"))));
      expect((error as Error).name).toBe("TypeError");
      expect(`${String(error)} ${(error as Error).stack}`).not.toContain("SECRET");
      expect((error as Error).message).toContain("***");
    }
  });
});

describe("time limits hold whatever the fetch does", () => {
  it("a fetch that ignores its signal still times out after timeoutMs", async () => {
    const started = performance.now();
    const error = await failure(call(client({ fetch: deaf, timeoutMs: 100, retry: false })));
    expect(TimeoutError.is(error)).toBe(true);
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it("a fetch that ignores its signal still stops at once on the caller's abort", async () => {
    const controller = new AbortController();
    const pending = failure(
      call(client({ fetch: deaf, timeoutMs: 0 }), { signal: controller.signal }),
    );
    setTimeout(() => controller.abort(new Error("user stopped")), 20);
    expect(await pending).toEqual(new Error("user stopped"));
  });

  it("a body that never ends cannot outlive the timeout", async () => {
    const endless = new ReadableStream({ pull: () => new Promise(() => undefined) });
    const fetch = async () => new Response(endless, { status: 200 });
    const error = await failure(call(client({ fetch, timeoutMs: 100, retry: false })));
    expect(TimeoutError.is(error)).toBe(true);
  });

  it("timeoutMs of 2^31 ms does not overflow into an immediate timeout", async () => {
    const fetch = () =>
      new Promise<Response>((resolve) => setTimeout(() => resolve(Response.json({ ok: 1 })), 30));
    expect(await call(client({ fetch, timeoutMs: 2 ** 31, retry: false }))).toEqual({ ok: 1 });
  });

  it("sleeps longer than a timer holds are chained, not cut to 1 ms", async () => {
    const controller = new AbortController();
    let woke = false;
    const sleeping = systemClock.sleep(MAX_TIMER_MS + 1, controller.signal).then(
      () => (woke = true),
      () => undefined,
    );
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(woke).toBe(false);
    controller.abort();
    await sleeping;
  });
});

describe("a server's rate-limit window", () => {
  it.each([
    [undefined, 60_000],
    [{ maxRetryAfterMs: 5_000 }, 5_000],
  ])(
    "X-RateLimit-Remaining: 0 for an hour pauses at most maxRetryAfterMs (retry %j)",
    async (retry, most) => {
      const clock = virtualClock();
      const sent: number[] = [];
      const fetch = async () => (
        sent.push(clock.now()),
        Response.json(
          {},
          {
            headers: {
              "X-RateLimit-Remaining": "0",
              "X-RateLimit-Interval-Milliseconds": String(3_600_000),
            },
          },
        )
      );
      const c = client({
        fetch,
        clock,
        rateLimit: { requests: 100, perMs: 10_000 },
        ...(retry && { retry }),
      });
      await clock.run(call(c));
      await clock.run(call(c));
      expect(sent[1]! - sent[0]!).toBe(most);
    },
  );
});

describe("what an error keeps of a body", () => {
  it("an error body that never ends is read to 64 KiB, then cancelled", async () => {
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull: (controller) => {
        pulled++;
        controller.enqueue(new TextEncoder().encode(`${KEY} `.repeat(1_000)));
      },
    });
    const fetch = async () => new Response(endless, { status: 500 });
    const error = await failure(call(client({ fetch, retry: false })));
    expect(ApiError.is(error)).toBe(true);
    const body = (error as ApiError).body as string;
    expect(body.length).toBeLessThanOrEqual(64 * 1024 + 1);
    expect(body).not.toContain(KEY);
    expect(pulled).toBeLessThan(10);
  });

  it("a 2xx body that is not JSON is kept as a bounded, redacted text", async () => {
    const text = `{"message": "bad key ${KEY}", "pad": "${"x".repeat(300_000)}`;
    const fetch = async () => new Response(text, { status: 200 });
    const error = (await failure(call(client({ fetch, retry: false })))) as ApiError;
    expect(error.message).toContain("not valid JSON");
    expect(JSON.stringify(error).length).toBeLessThan(70_000);
    expect(JSON.stringify(error)).not.toContain(KEY);
  });

  it("the body and message of an ApiError never hold the key", async () => {
    const fetch = async () =>
      Response.json({ error: `key ${KEY} is not valid`, echo: { key: KEY } }, { status: 401 });
    const error = (await failure(call(client({ fetch, retry: false })))) as ApiError;
    expect(error.body).toEqual({ error: "key *** is not valid", echo: { key: "***" } });
    expect(error.message).toContain("key *** is not valid");
  });
});

describe("hostile JSON", () => {
  const deep = (n: number) => `${"[".repeat(n)}${"]".repeat(n)}`;

  it("a 2xx body nested 100,000 deep comes back as data, safe to redact and log", async () => {
    const fetch = async () => new Response(deep(100_000), { status: 200 });
    const data = await call(client({ fetch, retry: false }));
    const copy = redactDeep(data, createRedactor([KEY]));
    expect(() => JSON.stringify(copy)).not.toThrow();
    expect(JSON.stringify(copy)).toContain("[Nested too deep]");
  });

  it("an error body nested deep is kept as far as it is safe to copy", async () => {
    const fetch = async () => new Response(deep(30_000), { status: 400 });
    const error = await failure(call(client({ fetch, retry: false })));
    expect(ApiError.is(error)).toBe(true);
    expect(() => JSON.stringify(error)).not.toThrow();
  });
});

describe("a very short key", () => {
  it("is hidden where it travels, and messages stay readable", async () => {
    const shortKey = createApiClient<{}>(
      { ...config, credentials: [{ in: "query", name: "api_key", value: "k" }] },
      {
        baseUrl: "https://bulkapi.example.test",
        retry: false,
        fetch: async () =>
          Response.json({ message: "key k is not valid", key: "k" }, { status: 401 }),
      },
    );
    const error = (await failure(call(shortKey))) as ApiError;
    expect(error.url).toBe("https://bulkapi.example.test/v2/filestatus?api_key=***");
    expect(error.providerMessage).toBe("key *** is not valid");
    expect(error.body).toEqual({ message: "key *** is not valid", key: "***" });
  });
});
