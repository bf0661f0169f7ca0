import { caught, hang, serve, virtualClock } from "@filestatus/testkit";
import { describe, expect, it } from "vitest";
import {
  ApiError,
  createApiClient,
  TimeoutError,
  UploadFailedError,
  UploadNotFoundError,
  type UploadStatus,
  type WatchOutcome,
} from "../src/index.ts";
import {
  byId,
  countedSignal,
  helpersOf,
  holding,
  json,
  listed,
  scripted,
  unhandledDuring,
  upload,
  type Paths,
  type Upload,
} from "./demo.ts";

const list = (...uploads: Upload[]) => json({ uploads });
const summary = (outcomes: WatchOutcome[]) =>
  outcomes.map((o) => `${o.id}: ${o.status?.state ?? (o.error as Error).name}`);

/** A batched demo client: `many` over the list, `one` by id; `routes` answers by path. */
function batched(answers: Array<(request: Request) => Response>, retry = false) {
  const clock = virtualClock();
  const { client, sent } = scripted(clock, answers, { retry: retry ? {} : false });
  return { clock, client, sent, helpers: helpersOf(client, { many: listed(client) }) };
}

describe("watchUploads: one outcome per id", () => {
  it("rides out a transient failure of a batched round", async () => {
    const { clock, helpers, sent } = batched([
      () => list(upload("queued", "a"), upload("queued", "b")),
      () => json({}, 503),
      () => list(upload("complete", "a"), upload("complete", "b")),
    ]);
    const outcomes = await clock.run(helpers.watchUploads(["a", "b"], { intervalMs: 1_000 }));
    expect(summary(outcomes)).toEqual(["a: complete", "b: complete"]);
    expect(sent).toHaveLength(3);
  });

  it("a permanent failure of a round ends the ids still watched; finished ids keep theirs", async () => {
    const { clock, helpers } = batched([
      () => list(upload("complete", "a"), upload("queued", "b"), upload("queued", "c")),
      () => json({ message: "token expired" }, 401),
    ]);
    const outcomes = await clock.run(helpers.watchUploads(["a", "b", "c"], { intervalMs: 1_000 }));
    expect(summary(outcomes)).toEqual(["a: complete", "b: ApiError", "c: ApiError"]);
    expect(outcomes[1]!.error).toMatchObject({ status: 401 });
    expect(outcomes[2]!.error).toBe(outcomes[1]!.error);
  });

  it("with failFast, rejects with a round's permanent failure", async () => {
    const { clock, helpers } = batched([() => json({ message: "no" }, 403)]);
    const error = await caught(clock.run(helpers.watchUploads(["a"], { failFast: true })));
    expect(error).toMatchObject({ name: "ApiError", status: 403 });
  });

  it("a Retry-After past the deadline ends every id still watched with its TimeoutError", async () => {
    const { clock, helpers } = batched([
      () => list(upload("complete", "a"), upload("queued", "b")),
      () => json({}, 429, { "Retry-After": "3600" }),
    ]);
    const outcomes = await clock.run(
      helpers.watchUploads(["a", "b"], { intervalMs: 1_000, timeoutMs: 60_000 }),
    );
    expect(summary(outcomes)).toEqual(["a: complete", "b: TimeoutError"]);
    expect((outcomes[1]!.error as Error).message).toMatch(/server asked to wait 3600000 ms/);
  });
});

describe("watchUploads finds what uploadStatus finds", () => {
  it("looks up by id each id the batched round did not find", async () => {
    // The list holds only the newest upload; the by-id endpoint also knows an older one.
    const byIdOnly = holding({ a: "complete", old: "complete" });
    const { clock, helpers, sent } = batched([
      (request) =>
        new URL(request.url).pathname === "/uploads"
          ? list(upload("complete", "a"))
          : byIdOnly(request),
    ]);
    const outcomes = await clock.run(helpers.watchUploads(["a", "old", "gone"]));
    expect(summary(outcomes)).toEqual(["a: complete", "old: complete", "gone: ApiError"]);
    expect(outcomes[2]!.error).toMatchObject({ status: 404 });
    expect(sent).toHaveLength(3);
  });

  it("declares an id missing without a lookup when many searches wherever one does", async () => {
    const clock = virtualClock();
    const { client, sent } = scripted(clock, [() => list(upload("complete", "a"))]);
    const notFound = (id: string) =>
      new UploadNotFoundError({ provider: "demo", id, detail: "is not among the uploads" });
    const helpers = helpersOf(client, { many: listed(client), notFound });
    const outcomes = await clock.run(helpers.watchUploads(["a", "b"]));
    expect(summary(outcomes)).toEqual(["a: complete", "b: UploadNotFoundError"]);
    expect((outcomes[1]!.error as Error).message).toBe("demo: upload b is not among the uploads");
    expect(UploadNotFoundError.is(outcomes[1]!.error)).toBe(true);
    expect(sent).toHaveLength(1);
  });
});

describe("watchUploads keeps its deadline", () => {
  it.each([
    ["one id per request", false],
    ["batched", true],
  ])(
    "%s: a server that never answers ends every id with TimeoutError at timeoutMs",
    async (_, many) => {
      const server = await serve(() => hang());
      try {
        const client = createApiClient<Paths>(
          { provider: "demo", defaultBaseUrl: server.origin, credentials: [] },
          {},
        );
        const helpers = helpersOf(client, many ? { many: listed(client) } : {});
        const started = performance.now();
        const outcomes = await helpers.watchUploads(["a", "b"], { timeoutMs: 300 });
        const elapsed = performance.now() - started;
        expect(summary(outcomes)).toEqual(["a: TimeoutError", "b: TimeoutError"]);
        expect(elapsed).toBeGreaterThanOrEqual(290);
        // Far below the 30 s attempt timeout the deadline cuts, with room for a loaded machine.
        expect(elapsed).toBeLessThan(3_000);
      } finally {
        await server.close();
      }
    },
  );
});

describe("watchUploads and a broken onProgress", () => {
  it.each([
    ["one id per request", false],
    ["batched", true],
  ])("%s: rejects once with the callback's error, marking no upload failed", async (_, many) => {
    const clock = virtualClock();
    const { client, sent } = scripted(clock, [holding({ a: "complete", b: "queued" })]);
    const helpers = helpersOf(client, many ? { many: listed(client) } : {});
    const onProgress = async (s: UploadStatus) => {
      if (s.id === "b") throw new Error("display broke");
    };
    let requests = 0;
    const unhandled = await unhandledDuring(async () => {
      const watching = helpers.watchUploads(["a", "b"], { onProgress });
      await expect(clock.run(watching)).rejects.toThrow("display broke");
      requests = sent.length;
    });
    expect(unhandled).toEqual([]);
    expect(sent).toHaveLength(requests); // everything stopped
  });
});

describe("watchUploads ids", () => {
  it.each([["98"], [{ length: 1, 0: "a" }], [undefined]])(
    "refuses %j, which is not an array, with a TypeError before any request",
    async (ids) => {
      const { client, sent } = scripted(virtualClock(), [() => json(upload("complete"))]);
      const error = await caught(helpersOf(client).watchUploads(ids as unknown as string[]));
      expect(error).toBeInstanceOf(TypeError);
      expect((error as Error).message).toBe("@filestatus/demo: ids must be an array of upload ids");
      expect(sent).toEqual([]);
    },
  );

  it("merges repeated ids: one watcher per unique id, one outcome per id given", async () => {
    const clock = virtualClock();
    const { client, sent } = scripted(clock, [holding({ a: "complete", b: "complete" })]);
    const outcomes = await clock.run(helpersOf(client).watchUploads(["a", "b", "a", "a"]));
    expect(summary(outcomes)).toEqual(["a: complete", "b: complete", "a: complete", "a: complete"]);
    expect(sent).toHaveLength(2);
  });

  it.each([
    ["one id per request", false],
    ["batched", true],
  ])("%s: leaves no listener on the caller's signal", async (_, many) => {
    const clock = virtualClock();
    const { client } = scripted(clock, [holding({ a: "complete", b: "failed" })]);
    const helpers = helpersOf(client, many ? { many: listed(client) } : {});
    const { signal, listeners } = countedSignal();
    for (let i = 0; i < 3; i++) {
      const outcomes = await clock.run(helpers.watchUploads(["a", "b"], { signal }));
      expect(UploadFailedError.is(outcomes[1]!.error)).toBe(true);
    }
    expect(listeners()).toBe(0);
  });
});

describe("the poll-rate floor", () => {
  it("scales with the requests one look can take", async () => {
    const clock = virtualClock();
    const rateLimit = { requests: 100, perMs: 10_000 }; // one request's share: 100 ms
    const answers = [() => json(upload("queued")), () => json(upload("queued"))];
    const { client, sent } = scripted(clock, [...answers, () => json(upload("complete"))], {
      rateLimit,
    });
    const helpers = helpersOf(client, { cost: 20 });
    await clock.run(helpers.waitForUpload("u1", { intervalMs: 10 }));
    expect(sent).toEqual([0, 2_000, 4_000]);
  });

  it("a batched round's floor scales with roundCost", async () => {
    const clock = virtualClock();
    const rateLimit = { requests: 100, perMs: 10_000 };
    const queued = () => list(upload("queued", "a"));
    const { client, sent } = scripted(
      clock,
      [queued, queued, () => list(upload("complete", "a"))],
      {
        rateLimit,
      },
    );
    const helpers = helpersOf(client, { many: listed(client), roundCost: 10 });
    await clock.run(helpers.watchUploads(["a"], { intervalMs: 10 }));
    expect(sent).toEqual([0, 1_000, 2_000]);
  });
});

describe("watchUploads with byId only", () => {
  it("keeps the others when one upload is not found", async () => {
    const clock = virtualClock();
    const { client } = scripted(clock, [holding({ a: "complete" })]);
    const outcomes = await clock.run(
      helpersOf(client, { one: byId(client) }).watchUploads(["a", "x"]),
    );
    expect(summary(outcomes)).toEqual(["a: complete", "x: ApiError"]);
    expect(ApiError.is(outcomes[1]!.error)).toBe(true);
    expect(TimeoutError.is(outcomes[1]!.error)).toBe(false);
  });
});
