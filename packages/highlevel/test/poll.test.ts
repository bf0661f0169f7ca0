import { caught, collect, useServer, virtualClock } from "@filestatus/testkit";
import { describe, expect, it } from "vitest";
import {
  ApiError,
  createClient,
  RATE_LIMIT,
  SEARCH_LIMIT,
  UploadNotFoundError,
  type ClientOptions,
  type UploadStatus,
} from "../src/index.ts";

// Statuses and lists from a loopback server that misbehaves on cue.
const TOKEN = "hl-Poll/Token+1";
const server = useServer();
const client = (options: Partial<ClientOptions> = {}) =>
  createClient({ accessToken: TOKEN, locationId: "loc1", baseUrl: server.origin, ...options });

const csv = (_id: string, status = "completed", extra: object = {}) => ({
  _id,
  fileName: `${_id}.csv`,
  status,
  ...extra,
});
const body = (csvs: unknown, count = Array.isArray(csvs) ? csvs.length : 1) => ({
  success: true,
  statusCode: 200,
  message: "Fetched CSV Upload Status",
  results: { csvs, count },
});
const page = (csvs: unknown, count?: number) => Response.json(body(csvs, count));
const reasonOf = (error: unknown) => (error as ApiError).providerMessage;
const stateOf = (o: { status?: UploadStatus; error?: unknown }) =>
  o.status?.state ?? (o.error as Error).message;

describe("highlevel answers of an unexpected shape", () => {
  it.each([
    ["a JSON null", null, "the body is null, not an object"],
    [
      "results as a string",
      { success: true, results: "none" },
      "results is a string, not an object",
    ],
    ["results.csvs as a number", body(7), "results.csvs is a number, not an array"],
    [
      "a null upload in results.csvs",
      body([null]),
      "results.csvs holds something other than objects",
    ],
  ])("%s is an ApiError saying so", async (_, answer, reason) => {
    server.answer(() => Response.json(answer));
    for (const work of [() => client().uploadStatus("a"), () => collect(client().uploads())]) {
      const error = await caught(work());
      expect(ApiError.is(error)).toBe(true);
      expect(reasonOf(error)).toMatch(new RegExp(`^unexpected response: ${reason}(:|$)`));
    }
  });

  it("stays lenient where the specs differ: results.csvs as one upload, or no results", async () => {
    server.answer(() => page(csv("a")));
    expect((await client().uploadStatus("a")).state).toBe("complete");
    server.answer(() => Response.json({ success: true, statusCode: 200, message: "ok" }));
    expect(await collect(client().uploads())).toEqual([]);
  });

  it("uploads(): stops with an ApiError when the server ignores skip", async () => {
    server.answer(() => page([csv("a"), csv("b")], 1_000_000));
    const error = await caught(collect(client().uploads()));
    expect(reasonOf(error)).toBe("unexpected response: the page repeats the previous page's items");
    expect(server.requests).toHaveLength(2);
  });
});

describe("highlevel list redaction", () => {
  it("uploads() returns every item with the bearer token replaced", async () => {
    server.answer((request) =>
      page([csv("a", "completed", { traceId: request.headers.get("authorization") })]),
    );
    const [item] = await collect(client().uploads());
    expect(JSON.stringify(item)).not.toContain(TOKEN);
    expect(item!.raw).toMatchObject({ traceId: "Bearer ***" });
  });
});

describe("highlevel ids", () => {
  const uploads = [
    csv("legacyA", "completed", { id: "newerA" }),
    csv("legacyB", "completed", { id: "newerB" }),
  ];

  it("uploadStatus and watchUploads find an upload by its newer id, and answer with that id", async () => {
    server.answer(() => page(uploads));
    expect((await client().uploadStatus("newerA")).id).toBe("newerA");
    const outcomes = await client().watchUploads(["newerA", "legacyB"]);
    expect(outcomes.map((o) => [o.id, o.status?.id, o.status?.state])).toEqual([
      ["newerA", "newerA", "complete"],
      ["legacyB", "legacyB", "complete"],
    ]);
  });

  it("watchUploads reports an id not in the list as UploadNotFoundError, in one search", async () => {
    server.answer(() => page(uploads));
    const [found, missing] = await client().watchUploads(["newerA", "gone"]);
    expect(found!.status?.state).toBe("complete");
    expect(UploadNotFoundError.is(missing!.error)).toBe(true);
    expect((missing!.error as Error).message).toBe(
      "highlevel: upload gone is not among the location's latest 1000 uploads",
    );
    expect(server.requests).toHaveLength(1);
  });
});

describe("highlevel polling", () => {
  it.each([
    [1, 100],
    [3, 300],
  ])(
    "a search that walks %i page(s) is paced at %i ms: its share of the rate limit",
    async (pages, spacing) => {
      const clock = virtualClock();
      const looks: number[] = [];
      const states = ["pending", "in_progress", "completed"];
      const fill = (from: number) =>
        Array.from({ length: SEARCH_LIMIT.pageSize }, (_, i) => csv(`other-${from + i}`));
      const fetch = async (request: Request) => {
        const skip = Number(new URL(request.url).searchParams.get("skip"));
        if (skip === 0) looks.push(clock.now());
        const last = skip / SEARCH_LIMIT.pageSize === pages - 1;
        const count = pages * SEARCH_LIMIT.pageSize;
        if (!last) return page(fill(skip), count);
        return page([csv("a", states[Math.min(looks.length, 3) - 1]), ...fill(skip + 1)], count);
      };
      const c = createClient({ accessToken: TOKEN, locationId: "loc1", clock, fetch });
      await clock.run(c.waitForUpload("a", { intervalMs: 10 }));
      expect((RATE_LIMIT.perMs / RATE_LIMIT.requests) * pages).toBe(spacing);
      expect(looks).toEqual([0, spacing, 2 * spacing]);
    },
  );

  it("watchUploads rides out a failed round, and ends only the unfinished uploads on a permanent failure", async () => {
    const answers = [
      () => page([csv("a"), csv("b", "in_progress"), csv("c", "in_progress")]),
      () => Response.json({ message: "busy" }, { status: 503 }),
      () => page([csv("a"), csv("b"), csv("c", "in_progress")]),
      () => Response.json({ statusCode: 401, message: "Invalid JWT" }, { status: 401 }),
    ];
    let n = 0;
    server.answer(() => answers[Math.min(n++, answers.length - 1)]!());
    const c = client({ retry: false, rateLimit: false });
    const outcomes = await c.watchUploads(["a", "b", "c"], { intervalMs: 10 });
    expect(outcomes.map(stateOf)).toEqual(["complete", "complete", expect.stringContaining("401")]);
    expect(server.requests).toHaveLength(4);
  });
});
