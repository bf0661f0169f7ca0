import { virtualClock } from "@filestatus/testkit";
import { describe, expect, it } from "vitest";
import {
  createApiClient,
  mapState,
  requireIntegerId,
  uploadHelpers,
  parsePercent,
  TimeoutError,
  UploadFailedError,
  waitForUpload,
  type UploadState,
  type UploadStatus,
} from "../src/index.ts";

const status = (state: UploadState, progress?: number): UploadStatus => ({
  provider: "demo",
  id: "u1",
  state,
  ...(progress !== undefined && { progress }),
  raw: { state },
});

/** A fetchStatus that walks through `steps`, recording when it was called. */
function script(clock: { now(): number }, steps: UploadStatus[]) {
  const calls: number[] = [];
  const fetchStatus = async () => {
    calls.push(clock.now());
    return steps[Math.min(calls.length - 1, steps.length - 1)]!;
  };
  return { calls, fetchStatus };
}

describe("parsePercent", () => {
  it.each([
    ["42% Complete.", 42],
    ["100%", 100],
    ["7.5", 7.5],
    [50, 50],
    [140, 100],
    [-3, 0],
    ["N/A", undefined],
    [undefined, undefined],
  ])("%j → %j", (input, expected) => expect(parsePercent(input)).toBe(expected));
});

describe("mapState", () => {
  const table = { Complete: "complete", Queued: "queued" } as const;
  it("maps listed values and nothing else", () => {
    expect(mapState(table, "Complete")).toBe("complete");
    expect(mapState(table, "Exploded")).toBe("unknown");
    expect(mapState(table, "toString")).toBe("unknown"); // not an inherited key
    expect(mapState(table, 3)).toBe("unknown");
  });
});

describe("waitForUpload", () => {
  const context = (
    clock: ReturnType<typeof virtualClock>,
    rateLimit?: { requests: number; perMs: number },
  ) => ({
    provider: "demo",
    clock,
    rateLimit,
  });

  it("resolves with the complete status, reporting every change once", async () => {
    const clock = virtualClock();
    const steps = [
      status("queued"),
      status("queued"),
      status("processing", 10),
      status("processing", 60),
      status("complete", 100),
    ];
    const { calls, fetchStatus } = script(clock, steps);
    const seen: string[] = [];
    const done = await clock.run(
      waitForUpload(context(clock), "u1", fetchStatus, {
        onProgress: (s) => seen.push(`${s.state}:${s.progress}`),
      }),
    );
    expect(done.state).toBe("complete");
    expect(seen).toEqual(["queued:undefined", "processing:10", "processing:60", "complete:100"]);
    expect(calls).toHaveLength(5);
    expect(calls[1]).toBeGreaterThanOrEqual(1_900); // the scheduler's first step: 2 s ± jitter
    expect(calls[1]).toBeLessThanOrEqual(2_100);
  });

  it.each(["failed", "deleted"] as const)(
    "rejects with UploadFailedError when the upload is %s",
    async (state) => {
      const clock = virtualClock();
      const { fetchStatus } = script(clock, [status("processing", 5), status(state)]);
      const error = await clock
        .run(waitForUpload(context(clock), "u1", fetchStatus))
        .catch((e: unknown) => e);
      expect(UploadFailedError.is(error)).toBe(true);
      expect((error as UploadFailedError).status.state).toBe(state);
      expect((error as Error).message).toBe(`demo: upload u1 ended as ${state}`);
    },
  );

  it("treats unknown as not finished", async () => {
    const clock = virtualClock();
    const { calls, fetchStatus } = script(clock, [
      status("unknown"),
      status("unknown"),
      status("complete"),
    ]);
    await clock.run(waitForUpload(context(clock), "u1", fetchStatus));
    expect(calls).toHaveLength(3);
  });

  it("times out with TimeoutError carrying the last status, at the deadline", async () => {
    const clock = virtualClock();
    const { calls, fetchStatus } = script(clock, [status("processing", 42)]);
    const settled: number[] = [];
    const error = await clock
      .run(waitForUpload(context(clock), "u1", fetchStatus, { timeoutMs: 10_000 }))
      .catch((e: unknown) => (settled.push(clock.now()), e));
    expect(TimeoutError.is(error)).toBe(true);
    expect(error).toMatchObject({
      timeoutMs: 10_000,
      lastStatus: { state: "processing", progress: 42 },
    });
    expect((error as Error).message).toBe(
      "demo: upload u1 not finished after 10000 ms (last seen processing, 42%)",
    );
    expect(settled).toEqual([10_000]);
    expect(calls.at(-1)).toBeLessThan(10_000); // a look at the deadline would be cut short by it
    expect(calls.length).toBeGreaterThanOrEqual(3);
  });

  it("keeps a fixed intervalMs, but never polls faster than the rate limit allows", async () => {
    const clock = virtualClock();
    const fixed = script(clock, [status("queued"), status("queued"), status("complete")]);
    await clock.run(waitForUpload(context(clock), "u1", fixed.fetchStatus, { intervalMs: 500 }));
    expect(fixed.calls).toEqual([0, 500, 1_000]);

    const limited = script(clock, [status("queued"), status("queued"), status("complete")]);
    const start = clock.now();
    await clock.run(
      waitForUpload(context(clock, { requests: 4, perMs: 1_000 }), "u1", limited.fetchStatus, {
        intervalMs: 10,
      }),
    );
    expect(limited.calls.map((t) => t - start)).toEqual([0, 250, 500]);
  });

  it("rejects at once when the signal aborts while it waits", async () => {
    const controller = new AbortController();
    const clock = virtualClock();
    const { fetchStatus } = script(clock, [status("processing")]);
    const waiting = waitForUpload(context(clock), "u1", fetchStatus, { signal: controller.signal });
    await new Promise((resolve) => setImmediate(resolve)); // first poll done; now sleeping 2 s
    controller.abort(new Error("stop watching"));
    await expect(waiting).rejects.toThrow("stop watching");
  });
});

describe("uploadHelpers", () => {
  it("rejects a bad id as a promise, like every other failure, never throwing at the call", async () => {
    const client = createApiClient<{}>({
      provider: "demo",
      defaultBaseUrl: "https://api.test",
      credentials: [],
    });
    const helpers = uploadHelpers(client, {
      one: async () => expect.unreachable("nothing is fetched"),
    });
    const calls = [
      () => helpers.uploadStatus(""),
      () => helpers.waitForUpload(""),
      () => helpers.watchUploads([""]),
    ];
    for (const call of calls) {
      // A caller's `.catch` sees it; nothing is thrown at the call itself.
      let pending: Promise<unknown> | undefined;
      expect(() => (pending = call())).not.toThrow();
      await expect(pending).rejects.toThrow("@filestatus/demo: an upload id is required");
    }
  });

  it.each(["0", "007", "1e3", "12.5", "-3", "9007199254740993", " 7"])(
    "requireIntegerId refuses %j instead of sending another number",
    (id) => expect(() => requireIntegerId("demo", id)).toThrow(/upload ids are positive integers/),
  );
});
