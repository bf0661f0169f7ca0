import { caught, hang, serve, virtualClock } from "@filestatus/testkit";
import { describe, expect, it } from "vitest";
import {
  ApiError,
  ConnectionError,
  createApiClient,
  isTransient,
  MAX_FAILED_POLLS,
  TimeoutError,
  UploadFailedError,
  UploadNotFoundError,
  type UploadStatus,
} from "../src/index.ts";
import {
  byId,
  countedSignal,
  helpersOf,
  json,
  scripted,
  unhandledDuring,
  upload,
  type Paths,
} from "./demo.ts";

const busy = () => json({ message: "busy" }, 503);
const queued = () => json(upload("queued"));
const complete = () => json(upload("complete"));

describe("waitForUpload and watchUploads refuse bad numbers before any request", () => {
  it.each([
    ["intervalMs", 0, "RangeError"],
    ["intervalMs", -5, "RangeError"],
    ["intervalMs", NaN, "RangeError"],
    ["intervalMs", Infinity, "RangeError"],
    ["intervalMs", "3", "TypeError"],
    ["timeoutMs", NaN, "RangeError"],
    ["timeoutMs", 0, "RangeError"],
    ["timeoutMs", -1000, "RangeError"],
    ["timeoutMs", "1000", "TypeError"],
  ])("%s: %o is a %s naming the option", async (name, value, kind) => {
    const { client, sent } = scripted(virtualClock(), [complete]);
    const helpers = helpersOf(client);
    const options = { [name]: value } as { intervalMs?: number };
    for (const call of [
      helpers.waitForUpload("u1", options),
      helpers.watchUploads(["u1"], options),
    ]) {
      const error = await caught(call);
      expect((error as Error).name).toBe(kind);
      expect((error as Error).message).toMatch(new RegExp(`^@filestatus/demo: ${name} must be `));
    }
    expect(sent).toEqual([]);
  });

  it("takes timeoutMs: Infinity as never", async () => {
    const clock = virtualClock();
    const answers = [...Array.from({ length: 400 }, () => queued), complete];
    const { client, sent } = scripted(clock, answers);
    const done = await clock.run(helpersOf(client).waitForUpload("u1", { timeoutMs: Infinity }));
    expect(done.state).toBe("complete");
    expect(sent.at(-1)).toBeGreaterThan(3_600_000); // hours of polling, no time-out
  });
});

describe("a wait keeps its deadline", () => {
  it("against a server that never answers, settles with TimeoutError at timeoutMs", async () => {
    const server = await serve(() => hang());
    try {
      // Default transport: 30 s per attempt, two retries; the wait's deadline must cut it.
      const client = createApiClient<Paths>(
        { provider: "demo", defaultBaseUrl: server.origin, credentials: [] },
        {},
      );
      const started = performance.now();
      const error = await caught(helpersOf(client).waitForUpload("u1", { timeoutMs: 300 }));
      const elapsed = performance.now() - started;
      expect(TimeoutError.is(error)).toBe(true);
      expect((error as Error).message).toBe(
        "demo: upload u1 not finished after 300 ms (last seen nothing)",
      );
      expect(elapsed).toBeGreaterThanOrEqual(290);
      // Far below the 30 s attempt timeout the deadline cuts, with room for a loaded machine.
      expect(elapsed).toBeLessThan(3_000);
    } finally {
      await server.close();
    }
  });

  it("cuts the transport's Retry-After backoff at the deadline", async () => {
    const clock = virtualClock();
    const { client, sent } = scripted(clock, [() => json({}, 429, { "Retry-After": "30" })]);
    const at: number[] = [];
    const error = await clock
      .run(helpersOf(client).waitForUpload("u1", { timeoutMs: 1_000 }))
      .catch((e: unknown) => (at.push(clock.now()), e));
    expect(TimeoutError.is(error)).toBe(true);
    expect(at).toEqual([1_000]);
    expect(sent).toEqual([0]);
  });

  it("cuts the rate limiter's wait at the deadline", async () => {
    const clock = virtualClock();
    const rateLimit = { requests: 1, perMs: 60_000 };
    const { client, sent } = scripted(clock, [queued], { rateLimit });
    await byId(client)("other", undefined); // takes the minute's one request
    const at: number[] = [];
    const error = await clock
      .run(helpersOf(client).waitForUpload("u1", { timeoutMs: 5_000 }))
      .catch((e: unknown) => (at.push(clock.now()), e));
    expect(TimeoutError.is(error)).toBe(true);
    expect(at).toEqual([5_000]);
    expect(sent).toEqual([0]);
  });

  it("leaves no listener on the caller's signal", async () => {
    const clock = virtualClock();
    const { client } = scripted(clock, [queued, complete]);
    const { signal, listeners } = countedSignal();
    await clock.run(helpersOf(client).waitForUpload("u1", { signal, timeoutMs: 60_000 }));
    expect(listeners()).toBe(0);
  });
});

describe("polling rides out transient failures", () => {
  it("three 503s in a row (the transport's retries spent) are one failed poll", async () => {
    const clock = virtualClock();
    const { client, sent } = scripted(clock, [busy, busy, busy, queued, complete]);
    const done = await clock.run(helpersOf(client).waitForUpload("u1"));
    expect(done.state).toBe("complete");
    expect(sent).toHaveLength(5);
    // The next poll comes on the scheduler's backoff (2 s ± jitter) after the failed one.
    expect(sent[3]! - sent[2]!).toBeGreaterThanOrEqual(1_900);
  });

  it("waits out a Retry-After longer than the transport takes, then polls again", async () => {
    const clock = virtualClock();
    const limited = () => json({}, 429, { "Retry-After": "120" });
    const { client, sent } = scripted(clock, [limited, complete]);
    const done = await clock.run(helpersOf(client).waitForUpload("u1", { intervalMs: 1_000 }));
    expect(done.state).toBe("complete");
    expect(sent).toEqual([0, 120_000]);
  });

  it("rejects at once with TimeoutError when the server asks to wait past the deadline", async () => {
    const clock = virtualClock();
    const { client, sent } = scripted(clock, [() => json({}, 429, { "Retry-After": "120" })]);
    const at: number[] = [];
    const error = await clock
      .run(helpersOf(client).waitForUpload("u1", { timeoutMs: 60_000 }))
      .catch((e: unknown) => (at.push(clock.now()), e));
    expect(TimeoutError.is(error)).toBe(true);
    expect((error as Error).message).toBe(
      "demo: upload u1 cannot finish within 60000 ms: the server asked to wait 120000 ms (last seen nothing)",
    );
    expect(ApiError.is((error as Error).cause)).toBe(true);
    expect((error as Error).cause).toMatchObject({ status: 429, retryAfterMs: 120_000 });
    expect(at).toEqual([0]);
    expect(sent).toEqual([0]);
  });

  it(`gives up after ${MAX_FAILED_POLLS} failed polls in a row without timeoutMs, with the last error`, async () => {
    const clock = virtualClock();
    const { client, sent } = scripted(clock, [queued, busy], { retry: false });
    const error = await caught(clock.run(helpersOf(client).waitForUpload("u1")));
    expect(ApiError.is(error)).toBe(true);
    expect(error).toMatchObject({ status: 503 });
    expect(sent).toHaveLength(1 + MAX_FAILED_POLLS);
    // Backing off between failures as without progress: 2 s, 3 s, 4.5 s … (± jitter).
    const gaps = sent.slice(1).map((t, i) => t - sent[i]!);
    expect(gaps[2]! / gaps[1]!).toBeGreaterThan(1.3);
  });

  it("keeps polling through failures until the deadline, then times out naming the last one", async () => {
    const clock = virtualClock();
    const { client, sent } = scripted(clock, [queued, busy], { retry: false });
    const options = { timeoutMs: 600_000 };
    const error = await caught(clock.run(helpersOf(client).waitForUpload("u1", options)));
    expect(TimeoutError.is(error)).toBe(true);
    expect(error).toMatchObject({ lastStatus: { state: "queued" } });
    expect(ApiError.is((error as Error).cause)).toBe(true);
    expect(sent.length).toBeGreaterThan(MAX_FAILED_POLLS + 1);
  });

  it("a failure after a success starts the count again", async () => {
    const clock = virtualClock();
    const failures = (n: number) => Array.from({ length: n }, () => busy);
    const answers = [...failures(MAX_FAILED_POLLS - 1), queued];
    const { client, sent } = scripted(clock, [...answers, ...answers, complete], { retry: false });
    const done = await clock.run(helpersOf(client).waitForUpload("u1"));
    expect(done.state).toBe("complete");
    expect(sent).toHaveLength(2 * MAX_FAILED_POLLS + 1);
  });

  it.each([401, 403, 404])("a %i ends the wait at once", async (status) => {
    const clock = virtualClock();
    const { client, sent } = scripted(clock, [queued, () => json({ message: "no" }, status)]);
    const error = await caught(clock.run(helpersOf(client).waitForUpload("u1")));
    expect(error).toMatchObject({ name: "ApiError", status });
    expect(sent).toHaveLength(2);
  });

  it("an UploadNotFoundError or a TypeError ends the wait at once", async () => {
    for (const thrown of [
      new UploadNotFoundError({ provider: "demo", id: "u1" }),
      new TypeError("a bug"),
    ]) {
      const clock = virtualClock();
      let looks = 0;
      const { client } = scripted(clock, [complete]);
      const helpers = helpersOf(client, {
        one: async () => {
          looks++;
          throw thrown;
        },
      });
      expect(await caught(clock.run(helpers.waitForUpload("u1")))).toBe(thrown);
      expect(looks).toBe(1);
    }
  });
});

describe("isTransient", () => {
  const where = { provider: "demo", method: "GET", url: "https://demo.test/uploads/u1" };
  const api = (status: number) => new ApiError({ ...where, status });

  it.each([408, 425, 429, 500, 502, 503, 504])("an ApiError %i is transient", (status) =>
    expect(isTransient(api(status))).toBe(true),
  );

  it.each([200, 400, 401, 403, 404, 422])("an ApiError %i is permanent", (status) =>
    expect(isTransient(api(status))).toBe(false),
  );

  it("a ConnectionError and a request's TimeoutError are transient; a wait's own is not", () => {
    expect(isTransient(new ConnectionError(where))).toBe(true);
    expect(isTransient(new TimeoutError({ ...where, timeoutMs: 30_000 }))).toBe(true);
    const own = new TimeoutError({ ...where, url: "", timeoutMs: 1_000, message: "not finished" });
    expect(isTransient(own)).toBe(false);
  });

  it("not found, failed uploads and anything else are permanent", () => {
    const status: UploadStatus = { provider: "demo", id: "u1", state: "failed", raw: {} };
    expect(isTransient(new UploadNotFoundError({ provider: "demo", id: "u1" }))).toBe(false);
    expect(isTransient(new UploadFailedError({ provider: "demo", status }))).toBe(false);
    expect(isTransient(new TypeError("x"))).toBe(false);
    expect(isTransient(undefined)).toBe(false);
  });
});

describe("onProgress", () => {
  it("is awaited before the next poll", async () => {
    const clock = virtualClock();
    const events: string[] = [];
    const { client } = scripted(clock, [
      (r) => (events.push("poll"), queued()),
      (r) => (events.push("poll"), json(upload("processing", "u1", 50))),
      () => (events.push("poll"), complete()),
    ]);
    const onProgress = async (s: UploadStatus) => {
      events.push(`${s.state} start`);
      await clock.sleep(10);
      events.push(`${s.state} end`);
    };
    await clock.run(helpersOf(client).waitForUpload("u1", { intervalMs: 1, onProgress }));
    expect(events).toEqual([
      "poll",
      "queued start",
      "queued end",
      "poll",
      "processing start",
      "processing end",
      "poll",
      "complete start",
      "complete end",
    ]);
  });

  it.each([
    ["rejects", async () => Promise.reject(new Error("display broke"))],
    [
      "throws",
      () => {
        throw new Error("display broke");
      },
    ],
  ])("that %s stops the wait, which rejects once with its error", async (_, onProgress) => {
    const clock = virtualClock();
    const { client, sent } = scripted(clock, [queued, complete]);
    const unhandled = await unhandledDuring(async () => {
      const waiting = helpersOf(client).waitForUpload("u1", { onProgress });
      await expect(clock.run(waiting)).rejects.toThrow("display broke");
    });
    expect(unhandled).toEqual([]);
    expect(sent).toEqual([0]); // no poll after the callback failed
  });
});
