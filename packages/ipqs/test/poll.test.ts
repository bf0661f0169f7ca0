import { caught, collect, useServer } from "@filestatus/testkit";
import { describe, expect, it } from "vitest";
import {
  ApiError,
  createClient,
  WATCH_LIST_LIMIT,
  type ClientOptions,
  type UploadStatus,
} from "../src/index.ts";

// Statuses and lists from a loopback server that misbehaves on cue.
const KEY = "ipqs-Poll/Key+1";
const server = useServer();
const client = (options: Partial<ClientOptions> = {}) =>
  createClient({ apiKey: KEY, baseUrl: `${server.origin}/api/json/csv/{apiKey}`, ...options });

const csv = (id: number, status = "FINISHED", extra: object = {}) => ({
  id,
  file_name: `list-${id}.csv`,
  status,
  aborted: false,
  ...extra,
});
const page = (csvs: unknown[], totalPages = 1) =>
  Response.json({ success: true, message: "Success", csvs, total_pages: totalPages });
const pathOf = (request: Request) => new URL(request.url).pathname;

describe("ipqs answers of an unexpected shape", () => {
  it.each([
    ["a JSON null", null, "the body is null, not an object"],
    ["another CSV's status", { success: true, ...csv(8) }, "id is 8, not 7"],
    ["a CSV without its id", { success: true, status: "FINISHED" }, "id is missing"],
  ])("uploadStatus: %s is an ApiError saying so", async (_, body, reason) => {
    server.answer(() => Response.json(body));
    const error = await caught(client().uploadStatus("7"));
    expect(ApiError.is(error)).toBe(true);
    expect((error as ApiError).providerMessage).toBe(`unexpected response: ${reason}`);
  });

  it.each([
    ["without csvs", { success: true, total_pages: 1 }, "csvs is missing, not an array"],
    ["with csvs as one object", { success: true, csvs: csv(1) }, "csvs is an object, not an array"],
    ["with a null CSV", { success: true, csvs: [null] }, "csvs holds something other than objects"],
  ])("uploads(): a list %s is an ApiError saying so", async (_, body, reason) => {
    server.answer(() => Response.json(body));
    const error = await caught(collect(client().uploads()));
    expect(ApiError.is(error)).toBe(true);
    expect((error as ApiError).providerMessage).toBe(`unexpected response: ${reason}`);
  });

  it("uploads(): stops with an ApiError when the server ignores the page number", async () => {
    server.answer(() => page([csv(2), csv(1)], 10_000));
    const error = await caught(collect(client().uploads()));
    expect(ApiError.is(error)).toBe(true);
    expect((error as ApiError).providerMessage).toBe(
      "unexpected response: the page repeats the previous page's items",
    );
    expect(server.requests).toHaveLength(2);
  });
});

describe("ipqs list redaction", () => {
  it("uploads() returns every item with the key (a path segment) replaced", async () => {
    server.answer((request) =>
      page([csv(1, "FINISHED", { file_name: `echo ${KEY}`, status_url: request.url })]),
    );
    const [item] = await collect(client().uploads());
    const text = JSON.stringify(item);
    expect(text).not.toContain(KEY);
    expect(text).not.toContain(encodeURIComponent(KEY));
    expect(item!.raw).toMatchObject({ file_name: "echo ***" });
  });
});

describe("ipqs watchUploads", () => {
  it("looks a CSV older than the newest 1,000 up by id before calling it missing", async () => {
    server.answer((request) => {
      const path = pathOf(request);
      if (path.endsWith("/list")) {
        const n = Number(new URL(request.url).searchParams.get("page"));
        const newest = Array.from({ length: 50 }, (_, i) => csv(100_000 - (n - 1) * 50 - i));
        return page(newest, 1_000);
      }
      if (path.endsWith("/status/7")) return Response.json({ success: true, ...csv(7) });
      return Response.json({ success: false, message: "Invalid CSV ID specified." });
    });
    const outcomes = await client().watchUploads(["99999", "7", "8"]);
    expect(outcomes.map((o) => o.status?.state ?? (o.error as ApiError).providerMessage)).toEqual([
      "complete",
      "complete",
      "Invalid CSV ID specified.",
    ]);
    const lists = server.requests.filter((r) => r.url.pathname.endsWith("/list"));
    expect(lists).toHaveLength(WATCH_LIST_LIMIT / 50);
  });

  it("rides out a failed round, and ends only the unfinished CSVs on a permanent failure", async () => {
    const answers = [
      () => page([csv(1), csv(2, "PROCESSING"), csv(3, "PROCESSING")]),
      () => Response.json({ message: "busy" }, { status: 503 }),
      () => page([csv(1), csv(2), csv(3, "PROCESSING")]),
      () => Response.json({ success: false, message: "Invalid or unauthorized key." }),
    ];
    let n = 0;
    server.answer(() => answers[Math.min(n++, answers.length - 1)]!());
    const outcomes = await client({ retry: false }).watchUploads(["1", "2", "3"], {
      intervalMs: 10,
    });
    expect(outcomes.map((o) => o.status?.state ?? (o.error as ApiError).providerMessage)).toEqual([
      "complete",
      "complete",
      "Invalid or unauthorized key.",
    ]);
    expect(server.requests).toHaveLength(4);
  });
});
